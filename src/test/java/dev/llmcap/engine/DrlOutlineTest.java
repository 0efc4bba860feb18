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

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
