package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.api.Test;

/** The lexical outline of a DRL file: rules found where the DRL parser finds them, declarations kept on their lines. */
class DrlOutlineTest {
  private static final String DRL = String.join("\n",
      "// rule \"in a comment\" when then end",
      "package inference;",
      "import dev.llmcap.model.fact.*;",
      "import function dev.llmcap.engine.Fmt.n;",
      "/* a block comment with rule and end */",
      "function double twice(double x) {",
      "    String s = \"rule } end {\";",
      "    return 2 * x;",
      "}",
      "rule \"A: the end of a rule name is not its end\"",
      "when",
      "    Quantity(name == \"end\", $v : value)",
      "then",
      "    double end2 = twice($v); // end",
      "    insertLogical(Quantity.global(\"a\", end2, \"GB\", n(end2) + \" don't end here\"));",
      "end",
      "",
      "rule \"B\" @guard(true)",
      "when",
      "    not Quantity(name == \"b\")",
      "then",
      "end",
      "");

  @Test
  void findsEveryRuleAndBlanksItKeepingLines() {
    DrlOutline outline = DrlOutline.of(DRL);
    assertThat(outline.rules()).isEqualTo(2);
    assertThat(outline.header().lines().count()).isEqualTo(DRL.lines().count());
    assertThat(outline.header()).contains("function double twice(double x) {").contains("import function")
        .doesNotContain("insertLogical").doesNotContain("not Quantity").doesNotContain("\"A: the end");
    assertThat(outline.withoutFunctions()).doesNotContain("return 2 * x").contains("insertLogical").contains("not Quantity")
        .contains("import function dev.llmcap.engine.Fmt.n;");
    assertThat(outline.withoutFunctions().lines().count()).isEqualTo(DRL.lines().count());
  }

  @Test
  void declarationsChangeWithFunctionsAndImportsButNotWithRulesOrComments() {
    String declarations = DrlOutline.of(DRL).declarations();
    assertThat(DrlOutline.of(DRL.replace("n(end2) + \" don't", "n(end2 * 2) + \" do not")).declarations()).isEqualTo(declarations);
    assertThat(DrlOutline.of(DRL + "\n// edited\n\n").declarations()).isEqualTo(declarations);
    assertThat(DrlOutline.of(DRL.replace("return 2 * x;", "return 3 * x;")).declarations()).isNotEqualTo(declarations);
    assertThat(DrlOutline.of(DRL.replace("import dev.llmcap.model.fact.*;", "import dev.llmcap.model.*;")).declarations())
        .isNotEqualTo(declarations);
  }

  @Test
  void countsTheRulesTheDrlParserFindsInEveryShippedFile() throws Exception {
    try (Stream<Path> files = Files.walk(Path.of("rules"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
        String text = read(f);
        PackageDescr parsed = new DrlParser().parse(false, text);
        DrlOutline outline = DrlOutline.of(text);
        assertThat(outline.rules()).as(f.toString()).isEqualTo(parsed.getRules().size());
        PackageDescr header = new DrlParser().parse(false, outline.header());
        assertThat(header.getRules()).as(f.toString()).isEmpty();
        assertThat(header.getFunctions()).as(f.toString()).hasSameSizeAs(parsed.getFunctions());
        assertThat(new DrlParser().parse(false, outline.withoutFunctions()).getFunctions()).as(f.toString()).isEmpty();
      }
    }
  }

  @Test
  void tokensStayTheSameWhenOnlyCommentsChangeAndKeepEveryLine() {
    String tokens = DrlOutline.of(DRL).tokens();
    assertThat(tokens).isNotNull().doesNotContain("a block comment").doesNotContain("// end")
        .contains("String s = \"rule } end {\";").contains("n(end2) + \" don't end here\"");
    assertThat(tokens.lines().count()).isEqualTo(DRL.stripTrailing().lines().count());
    assertThat(DrlOutline.of(DRL + "\n// edited\n\n").tokens()).isEqualTo(tokens);
    assertThat(DrlOutline.of(DRL.replace("// end", "// the end, reworded")).tokens()).isEqualTo(tokens);
    assertThat(DrlOutline.of(DRL.replace("/* a block comment with rule and end */", "/* another\n text */")).tokens())
        .isNotEqualTo(tokens); // a line more: the rules below move
    assertThat(DrlOutline.of(DRL.replace("/* a block comment with rule and end */", "/* another text */")).tokens())
        .isEqualTo(tokens);
    // anything outside comments counts, strings included (also a string that looks like a comment)
    assertThat(DrlOutline.of(DRL.replace("don't end here", "don't end there")).tokens()).isNotEqualTo(tokens);
    assertThat(DrlOutline.of(DRL.replace("\"rule } end {\"", "\"rule // end {\"")).tokens()).isNotEqualTo(tokens);
    assertThat(DrlOutline.of(DRL.replace("return 2 * x;", "return 2 *  x;")).tokens()).isNotEqualTo(tokens);
    assertThat(DrlOutline.of(DRL.replace("twice($v); // end", "twice($v);")).tokens()).isNotEqualTo(tokens); // a blank less
    assertThat(DrlOutline.of("a/* x */b").tokens()).isEqualTo("a b");
    assertThat(DrlOutline.of("a /* x\r y */ b").tokens()).isEqualTo("a  \r b"); // a lone carriage return is a line break
  }

  @Test
  void tokensAreUnknownWhereTheScanCannotTellCommentsApart() {
    assertThat(DrlOutline.of(DRL.replace("// end", "# end")).tokens()).isNull(); // DRL's old line comment
    assertThat(DrlOutline.of(DRL.replace("\"rule } end {\"", "\"\"\"\nrule } end {\"\"\"")).tokens()).isNull();
    assertThat(DrlOutline.of(DRL.replace("\"rule } end {\"", "\"rule } end {\n\"")).tokens()).isNull();
    assertThat(DrlOutline.of(DRL.replace("// end", "// \\u000a end2 = 0;")).tokens()).isNull(); // Java reads a newline
    assertThat(DrlOutline.of(DRL + "\n/* unterminated").tokens()).isNull();
    assertThat(DrlOutline.of(DRL + "\nrule \"C\" when then").tokens()).isNull();
    assertThat(DrlOutline.of(DRL.replace("String s = \"rule } end {\";", "String s = \"unterminated;")).tokens()).isNull();
  }

  @Test
  void everyShippedFileHasTokensThatParseToTheSameRulesOnTheSameLines() throws Exception {
    try (Stream<Path> files = Files.walk(Path.of("rules"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
        String text = read(f);
        String tokens = DrlOutline.of(text).tokens();
        assertThat(tokens).as(f.toString()).isNotNull();
        PackageDescr parsed = new DrlParser().parse(false, text);
        PackageDescr fromTokens = new DrlParser().parse(false, tokens);
        assertThat(fromTokens.getRules()).as(f.toString()).hasSameSizeAs(parsed.getRules());
        for (int i = 0; i < parsed.getRules().size(); i++) {
          assertThat(fromTokens.getRules().get(i).getName()).isEqualTo(parsed.getRules().get(i).getName());
          assertThat(fromTokens.getRules().get(i).getLine()).as(f + " " + parsed.getRules().get(i).getName())
              .isEqualTo(parsed.getRules().get(i).getLine());
          assertThat(fromTokens.getRules().get(i).getConsequenceLine())
              .isEqualTo(parsed.getRules().get(i).getConsequenceLine());
        }
        assertThat(fromTokens.getFunctions()).as(f.toString()).hasSameSizeAs(parsed.getFunctions());
      }
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
