package dev.llmcap.cli;

import dev.llmcap.batch.BatchInputs;
import dev.llmcap.batch.BatchJob;
import dev.llmcap.batch.BatchRow;
import dev.llmcap.batch.BatchRunner;
import dev.llmcap.batch.BatchSummary;
import dev.llmcap.batch.BatchTally;
import dev.llmcap.batch.BatchTable;
import dev.llmcap.batch.ConfigSource;
import dev.llmcap.batch.DiffReport;
import dev.llmcap.batch.DiffRow;
import dev.llmcap.batch.Progress;
import dev.llmcap.batch.Sweep;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.export.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import static dev.llmcap.cli.CommonFlags.flag;
import static dev.llmcap.cli.CommonFlags.value;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The batch command: plans many configs (files, folders, JSONL) on all cores, optionally swept over a cross product of
 * field values, one results row per config in input order; or, with --compare-rules, the rule-change diff.
 */
final class BatchCommand {
  private final PrintStream out;
  private final PrintStream err;

  BatchCommand(PrintStream out, PrintStream err, boolean tty) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(value("output", "FILE", "write the results to FILE; format from the extension: .csv, .jsonl, .json (.txt for a diff)"));
    o.addOption(value("format", "FMT", "csv (default), jsonl or json; a rule-change diff also has text (its default)"));
    o.addOption(flag("force", "overwrite an existing output file"));
    o.addOption(value("threads", "N", "worker threads (default: the number of processors)"));
    o.addOption(Option.builder().longOpt("sweep").hasArg().argName("KEY=V1,V2")
        .desc("plan every base config with each value of a field (repeatable: the cross product); keys are the plan "
            + "flags, e.g. gpu, rps, precision, input-tokens, model, p99-ms, cloud, region, target-utilization").build());
    CommonFlags.addTo(o);
    o.addOption(value("compare-rules", "DIR", "rule-change diff: also plan with the rules of DIR (the old rules) and report what changed"));
    o.addOption(flag("no-progress", "never draw the progress bar"));
    return o;
  }

  int run(String[] args) {
    Options options = options();
    CommandLine cl;
    Sweep sweep;
    int threads;
    try {
      cl = CommonFlags.parse(options, args);
      if (cl.hasOption("help")) {
        printHelp(options);
        return Main.OK;
      }
      if (cl.getArgList().isEmpty()) {
        throw new UsageException("batch needs at least one INPUT (config file, folder or JSONL file)");
      }
      sweep = sweep(cl);
      threads = threads(cl);
    } catch (ParseException | UsageException e) {
      return CommonFlags.usageError(err, "batch", e);
    }
    try {
      boolean diff = cl.hasOption("compare-rules");
      Path target = cl.hasOption("output") && !OutputPaths.isStdout(cl.getOptionValue("output"))
          ? OutputPaths.resolve(cl.getOptionValue("output"), cl.hasOption("force")) : null;
      if (target != null) {
        for (String input : cl.getArgList()) {
          try {
            OutputPaths.refuseInput(target, Path.of(input));
          } catch (java.nio.file.InvalidPathException e) {
            // not a path: it becomes an error row of its own
          }
        }
      }
      String format = format(cl, target, diff);
      Map<String, String> overrides = CommonFlags.assumptionOverrides(cl);
      LLMForecastEngine engine = new LLMForecastEngine(CommonFlags.workspace(cl), overrides);
      LLMForecastEngine oldEngine = diff
          ? new LLMForecastEngine(CommonFlags.workspace(cl).withRules(Path.of(cl.getOptionValue("compare-rules"))), overrides) : null;

      BatchRunner runner = new BatchRunner(threads);
      boolean bar = !cl.hasOption("no-progress") && Progress.stderrIsTerminal();
      long start = System.nanoTime();
      if (diff) {
        List<ConfigSource> configs = BatchInputs.expand(cl.getArgList());
        List<BatchJob> jobs = BatchJob.of(configs, sweep);
        if (jobs.isEmpty()) {
          err.println("llmcap batch: warning: no configs found in " + String.join(" ", cl.getArgList()));
        }
        String rendered;
        List<String> summary;
        boolean anyError;
        try (Progress progress = Progress.start(err, jobs.size(), "plans", bar)) {
          List<DiffRow> rows = runner.run(jobs, j -> DiffReport.diffOne(oldEngine, engine, j), progress);
          progress.close();
          rendered = DiffReport.render(format, rows, sweep);
          summary = DiffReport.summary(jobs.size(), rows);
          anyError = rows.stream().anyMatch(r -> BatchRow.ERROR.equals(r.status()));
        }
        if (target != null) {
          AtomicFiles.write(target, rendered);
          err.println("llmcap batch: results written to " + target);
        } else {
          out.print(rendered);
          out.flush();
        }
        summary.forEach(err::println);
        return anyError ? Main.FAILED : Main.OK;
      }
      long total = bar ? BatchInputs.count(cl.getArgList()) * sweep.size() : 0;
      long[] configsIn = {0};
      java.util.Iterator<BatchJob> read = BatchJob.stream(BatchInputs.stream(cl.getArgList()), sweep);
      java.util.Iterator<BatchJob> jobs = new java.util.Iterator<>() {
        @Override
        public boolean hasNext() {
          return read.hasNext();
        }

        @Override
        public BatchJob next() {
          configsIn[0]++;
          return read.next();
        }
      };
      BatchTally tally = new BatchTally(sweep, BatchSummary.LIST_LIMIT);
      double[] seconds = {0};
      AtomicFiles.Writer table = stream -> {
        try (Progress progress = Progress.start(err, (int) Math.min(total, Integer.MAX_VALUE), "plans", bar);
            BatchTable.RowWriter rows = new BatchTable.RowWriter(format, BatchTable.columns(sweep), stream)) {
          java.io.IOException[] failed = {null};
          runner.stream(engine, jobs, row -> {
            tally.accept(row);
            if (failed[0] == null) {
              try {
                rows.write(BatchTable.flatten(row, sweep));
              } catch (IOException e) {
                failed[0] = e;
              }
            }
          }, progress);
          seconds[0] = (System.nanoTime() - start) / 1e9;
          progress.close();
          if (failed[0] != null) {
            throw failed[0];
          }
        }
      };
      if (target != null) {
        AtomicFiles.write(target, table);
      } else {
        table.writeTo(new java.io.FilterOutputStream(out) {
          @Override
          public void write(byte[] b, int off, int len) {
            BatchCommand.this.out.write(b, off, len);
          }

          @Override
          public void close() {
            BatchCommand.this.out.flush();
          }
        });
        out.flush();
        if (out.checkError()) {
          throw new IOException("cannot write the results to standard output");
        }
      }
      if (configsIn[0] == 0) {
        err.println("llmcap batch: warning: no configs found in " + String.join(" ", cl.getArgList()));
      }
      if (target != null) {
        err.println("llmcap batch: results written to " + target);
      }
      BatchSummary.lines(configsIn[0], tally, seconds[0], threads, runner.cpuSeconds()).forEach(err::println);
      return tally.count(BatchRow.ERROR) > 0 ? Main.FAILED : Main.OK;
    } catch (UsageException e) {
      err.println("llmcap batch: " + e.getMessage());
      return Main.USAGE;
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap batch: rules: " + p));
      Main.debugTrace(err, e.getCause());
      return Main.USAGE;
    } catch (CatalogException e) {
      err.println("llmcap batch: catalog: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap batch: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private static Sweep sweep(CommandLine cl) throws UsageException {
    String[] specs = cl.getOptionValues("sweep");
    if (specs == null) {
      return Sweep.none();
    }
    try {
      return Sweep.parse(Arrays.asList(specs));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new UsageException(e instanceof ArithmeticException ? "--sweep: too many combinations" : e.getMessage());
    }
  }

  private static int threads(CommandLine cl) throws UsageException {
    if (!cl.hasOption("threads")) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(cl.getOptionValue("threads").trim());
      if (n < 1 || n > 1024) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--threads must be a whole number from 1 to 1024 (got '" + cl.getOptionValue("threads") + "')");
    }
  }

  private static String format(CommandLine cl, Path target, boolean diff) throws UsageException {
    List<String> allowed = diff ? List.of("text", "csv", "jsonl", "json") : List.of("csv", "jsonl", "json");
    String f;
    if (cl.hasOption("format")) {
      f = cl.getOptionValue("format").toLowerCase(Locale.ROOT);
    } else if (target != null) {
      String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
      String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
      f = ext.equals("txt") ? "text" : ext.equals("ndjson") ? "jsonl" : ext;
      if (!allowed.contains(f)) {
        throw new UsageException("cannot tell the format of " + target.getFileName() + ": use a ." + String.join(", .", allowed)
            .replace(".text", ".txt") + " file or --format");
      }
    } else {
      f = diff ? "text" : "csv";
    }
    if (!allowed.contains(f)) {
      throw new UsageException("--format must be one of " + String.join("|", allowed) + " (got '" + f + "')");
    }
    return f;
  }

  private void printHelp(Options options) {
    Help.print(out, "llmcap batch INPUT... [flags]",
        "Plans many configurations at once. INPUT: config files (.json, .yaml), folders (searched recursively) and JSONL "
            + "files (one config per line). One row per config, in input order, with its source and status "
            + "(ok|sla_miss|infeasible|error); a summary on stderr.",
        options, "Examples:\n  llmcap batch configs/ --output fleet.csv\n"
            + "  llmcap batch examples/chat-service.json --sweep gpu=A100-80GB,H100-80GB,L40S --sweep rps=5,10,20,40\n"
            + "  llmcap batch configs/ --rules rules-new/ --compare-rules rules/\n"
            + "Exit codes: 0 every config planned, 1 some config failed (see its error row), 2 usage error.");
  }

}
