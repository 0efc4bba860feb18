import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Measuring aid (not product code): builds one DRL package of a rules folder with Drools' executable model and writes
 * the resulting kjar (generated and compiled Java classes). Every file of the folder goes into the compiler's file
 * system, those of other packages as a bare package statement, as RuleBase does for the classic compiler: the file set
 * decides the rules' load order, and so the firing order of rules of equal priority (and the audit trace).
 * Usage: java -cp ... ExecGen RULES_DIR PACKAGE OUT.jar  (prints the errors and the generated rules class).
 */
public class ExecGen {
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String pkg = args[1];
    Path out = Path.of(args[2]);
    long t0 = System.nanoTime();
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId rid = ks.newReleaseId("dev.llmcap.rules", "rules-" + pkg, "exec1");
    kfs.generateAndWritePomXML(rid);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".drl")).sorted().collect(Collectors.toList());
    }
    for (Path f : files) {
      String text = Files.readString(f);
      Matcher m = PACKAGE.matcher(text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", ""));
      String p = m.find() ? m.group(1) : "defaultpkg";
      kfs.write("src/main/resources/" + dir.relativize(f), p.equals(pkg) ? text : "package " + p + ";\n");
    }
    KieBuilder b = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
    List<Message> errors = b.getResults().getMessages(Message.Level.ERROR);
    System.err.println("built in " + (System.nanoTime() - t0) / 1_000_000 + " ms, " + errors.size() + " errors");
    for (Message m : errors) {
      System.err.println(m.getPath() + ":" + m.getLine() + ": " + m.getText());
    }
    if (!errors.isEmpty()) {
      System.exit(1);
    }
    InternalKieModule km = (InternalKieModule) b.getKieModule();
    Files.write(out, km.getBytes());
    System.out.println(new String(km.getBytes("META-INF/kie/dev.llmcap.rules/rules-" + pkg + "/drools-model")));
  }
}
