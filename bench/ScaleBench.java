import java.io.IOException;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Processor;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Measures what the Headroom processor adds to a compilation: generates N designs (a model and
 * a serving fleet each, with varied shapes and traffic), compiles them in one javac run without
 * the processor ({@code -proc:none}) and in one with it, and prints the processor's marginal
 * time per design and the extra live heap (the most in use right after a collection). Run by
 * {@code bench/scale.sh}; the JVM's class path must hold the Headroom jars and JavaPoet.
 */
public final class ScaleBench {
  private static final int REPEATS = 3;

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String arg : args) {
      sizes.add(Integer.parseInt(arg));
    }
    Path work = Files.createTempDirectory("headroom-bench");
    compile(generate(work.resolve("warmup"), 50), work.resolve("warmup-out"), true);
    compile(generate(work.resolve("warmup"), 50), work.resolve("warmup-out"), false);

    System.out.println("designs  javac -proc:none  javac + Headroom  per design  extra heap");
    for (int n : sizes) {
      List<Path> sources = generate(work.resolve("n" + n), n);
      Result plain = best(sources, work.resolve("plain" + n), false);
      Result with = best(sources, work.resolve("with" + n), true);
      double perDesign = (with.millis - plain.millis) / n;
      double extraMib = (with.peakHeapBytes - plain.peakHeapBytes) / (1024.0 * 1024.0);
      System.out.println(String.format(Locale.ROOT,
          "%7d  %13.0f ms  %13.0f ms  %7.2f ms  %6.0f MiB",
          n, plain.millis, with.millis, perDesign, extraMib));
    }
  }

  /** The fastest of a few runs, and its peak heap. */
  private record Result(double millis, long peakHeapBytes) {}

  private static Result best(List<Path> sources, Path out, boolean processor) throws IOException {
    Result best = null;
    for (int run = 0; run < REPEATS; run++) {
      Result result = compile(sources, out.resolve("run" + run), processor);
      if (best == null || result.millis < best.millis) {
        best = result;
      }
    }
    return best;
  }

  private static Result compile(List<Path> sources, Path out, boolean processor)
      throws IOException {
    Files.createDirectories(out);
    System.gc();
    LiveHeap live = new LiveHeap();

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    long start = System.nanoTime();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-s",
          out.toString(), "-classpath", System.getProperty("java.class.path"), "--release",
          "17"));
      if (!processor) {
        options.add("-proc:none");
      }
      // The summary NOTEs (one per design) would drown the table; errors still print.
      DiagnosticListener<JavaFileObject> errorsOnly = diagnostic -> {
        if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
          System.err.println(diagnostic);
        }
      };
      JavaCompiler.CompilationTask task = javac.getTask(null, files, errorsOnly, options, null,
          files.getJavaFileObjectsFromPaths(sources));
      if (processor) {
        task.setProcessors(List.of(headroom()));
      }
      if (!task.call()) {
        throw new IllegalStateException("the generated designs did not compile");
      }
    }
    double millis = (System.nanoTime() - start) / 1e6;
    System.gc();
    return new Result(millis, live.close());
  }

  /**
   * The largest heap in use right after a garbage collection while it listens: the live data a
   * compilation holds, without the garbage a plain peak would count.
   */
  private static final class LiveHeap implements NotificationListener {
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private long max;

    LiveHeap() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        NotificationEmitter emitter = (NotificationEmitter) gc;
        emitter.addNotificationListener(this, null, null);
        emitters.add(emitter);
      }
    }

    @Override
    public synchronized void handleNotification(Notification notification, Object handback) {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
          .equals(notification.getType())) {
        return;
      }
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
          (CompositeData) notification.getUserData());
      long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
          .mapToLong(MemoryUsage::getUsed)
          .sum();
      max = Math.max(max, used);
    }

    synchronized long close() {
      for (NotificationEmitter emitter : emitters) {
        try {
          emitter.removeNotificationListener(this);
        } catch (ListenerNotFoundException ignored) {
          // Already gone: nothing to remove.
        }
      }
      return max;
    }
  }

  private static Processor headroom() {
    try {
      return (Processor) Class.forName("dev.headroom.processor.HeadroomProcessor")
          .getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Headroom processor is not on the class path", e);
    }
  }

  /** Writes N designs, each a model and a fleet that fits, with shapes and traffic varied. */
  private static List<Path> generate(Path directory, int n) throws IOException {
    Path dir = Files.createDirectories(directory.resolve("bench"));
    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = "Design" + i;
      int layers = 32 + (i % 5) * 8;
      int rate = 20 + i % 50;
      String source = String.join("\n",
          "package bench;",
          "",
          "import dev.headroom.annotations.*;",
          "",
          "@Workload(requestsPerSecond = " + rate + ", promptTokens = 1000, outputTokens = 500)",
          "@Slo(ttftMillis = 1000, tpotMillis = 50)",
          "public final class " + name + " {",
          "  @Model(layers = " + layers + ", hiddenSize = 4096, attentionHeads = 32, kvHeads = 8,",
          "      intermediateSize = 14336, vocabSize = 128256)",
          "  static final class Shape {}",
          "",
          "  @Fleet(model = Shape.class, gpu = Gpu.H100_SXM, gpus = 4096)",
          "  static final class Serving {}",
          "}",
          "");
      Path file = dir.resolve(name + ".java");
      Files.writeString(file, source);
      sources.add(file);
    }
    return sources;
  }
}
