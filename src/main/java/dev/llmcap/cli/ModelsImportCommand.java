package dev.llmcap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.config.HuggingFaceConfig;
import dev.llmcap.config.InputException;
import dev.llmcap.engine.ArchitectureFacts;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import dev.llmcap.export.AtomicFiles;
import dev.llmcap.model.fact.ArchitectureSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The "models import PATH" command: reads a Hugging Face config.json (or a folder holding one), lets the rules derive
 * its parameter counts and KV bytes per token, and writes it as a new model-catalog entry.
 */
public final class ModelsImportCommand {
  private final PrintStream out;
  private final PrintStream err;

  public ModelsImportCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    Options o = CommonFlags.addTo(new Options());
    o.addOption(CommonFlags.value("id", "ID", "catalog id and file name (default: from _name_or_path or the folder name)"));
    o.addOption(CommonFlags.value("display-name", "NAME", "human-readable name (default: the id's source name)"));
    o.addOption(CommonFlags.value("family", "FAMILY", "model family (default: the config's model_type)"));
    o.addOption(CommonFlags.value("source", "TEXT", "where the config.json comes from (repository, path, commit), stored in sources"));
    o.addOption(CommonFlags.flag("force", "overwrite an existing catalog entry of the same id"));
    return o;
  }

  /** Runs "models import" with the arguments after "import"; returns the exit code. */
  public int run(String[] args) {
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(options(), args);
      if (cl.hasOption("help")) {
        Help.print(out, "llmcap models import PATH [--id ID] [--force]",
            "Reads a Hugging Face config.json (or a folder holding one) offline and adds it to the model catalog; "
                + "parameter counts and KV bytes per token are derived by the rules from the architecture.",
            options(), "Exit codes: 0 written, 1 failed, 2 usage or input error (including an existing entry without --force).");
        return Main.OK;
      }
      if (cl.getArgList().size() != 1) {
        throw new UsageException(cl.getArgList().isEmpty() ? "give the config.json (or its folder) to import"
            : "unexpected argument '" + cl.getArgList().get(1) + "'");
      }
    } catch (ParseException | UsageException e) {
      return CommonFlags.usageError(err, "models import", e);
    }
    try {
      Path source = Path.of(cl.getArgList().get(0));
      ModelSpec m = HuggingFaceConfig.read(source);
      if (cl.hasOption("id")) {
        String id = cl.getOptionValue("id").toLowerCase(Locale.ROOT);
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
          throw new UsageException("--id '" + cl.getOptionValue("id") + "' must be lower-case letters, digits, '.' and '-'");
        }
        m.setId(id);
      }
      if (cl.hasOption("display-name")) {
        m.setDisplayName(cl.getOptionValue("display-name"));
      }
      if (cl.hasOption("family")) {
        m.setFamily(cl.getOptionValue("family"));
      }
      List<String> sources = new ArrayList<>();
      sources.add(cl.hasOption("source") ? cl.getOptionValue("source") : "config.json imported from " + source.getFileName());
      m.setSources(sources);
      Workspace ws = CommonFlags.workspace(cl);
      LLMForecastEngine engine = new LLMForecastEngine(ws, CommonFlags.assumptionOverrides(cl));
      if (engine.catalog().model(m.getId()).isPresent() && !cl.hasOption("force")) {
        throw new UsageException("model-catalog already has '" + m.getId() + "'; pass --force to overwrite it or --id to import under another id");
      }
      ArchitectureSummary a = new ArchitectureFacts(engine).summarize(m);
      m.setKvCacheBytesPerTokenBf16(Math.round(a.getKvBytesPerToken16()));
      m.setAttention(m.isMla() ? "mla" : a.getAttentionKind().replaceAll("\\+.*", ""));
      m.setNotes("params_b and active_params_b computed by the rules from the architecture of config.json (" + a.getAttentionKind()
          + " attention); replace them with the published counts and cite them in sources");
      Path target = ws.modelCatalog().resolve(m.getId() + ".json");
      ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);
      Files.createDirectories(ws.modelCatalog());
      AtomicFiles.write(target, mapper.writeValueAsString(m).replace("\r\n", "\n") + "\n");
      out.println("llmcap models import: wrote " + target + ": " + m.getDisplayName() + ", " + String.format(Locale.ROOT, "%.3f", a.getParamsB())
          + "B params (" + String.format(Locale.ROOT, "%.3f", a.getActiveParamsB()) + "B active), " + Math.round(a.getKvBytesPerToken16())
          + " KV bytes/token at 16 bits, " + a.getAttentionKind() + " attention");
      return Main.OK;
    } catch (UsageException e) {
      err.println("llmcap models import: " + e.getMessage());
      return Main.USAGE;
    } catch (InputException e) {
      e.problems().forEach(p -> err.println("llmcap models import: " + p));
      return Main.USAGE;
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap models import: rules: " + p));
      return Main.USAGE;
    } catch (CatalogException e) {
      err.println("llmcap models import: catalog: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap models import: cannot write the catalog entry: " + e.getMessage());
      return Main.FAILED;
    }
  }
}
