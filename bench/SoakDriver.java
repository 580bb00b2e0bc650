import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of bench/soak.sh, run as a source file (`java bench/SoakDriver.java ...`). `gale load` records each
 * request's timing but not the code a write was answered with, and the soak must read every acknowledged write back,
 * so this driver writes one CSV row per request: when it was sent and answered, what it was, its status, and for a
 * write the code and URL it was acknowledged with.
 *
 * <p>{@code load HOST PORT SECONDS RATE WRITE_SHARE OUT.csv}: an open model, RATE requests a second for SECONDS
 * (a stall shows as errors and latency, not as fewer requests), each a write ({@code POST /urls} of a URL unique to
 * the run) with the chance WRITE_SHARE, else a read ({@code GET /u/{code}} of an acknowledged code, expecting 302).
 * At most 1,000 requests are in flight; one past that is not sent and is recorded with status -1. Timeouts: 5 s to
 * connect, 10 s per request.
 *
 * <p>{@code readback HOST PORT OUT.csv}: every write acknowledged with 201 is read back with {@code GET /u/{code}}:
 * found when answered 302 with the written URL as its Location, lost when answered 404 or another Location, and
 * retried (up to 10 times, 1 s apart) while the answer is a network error or a 5xx. Prints one line:
 * {@code acknowledged N found N lost N unanswered N}, then the lost codes.
 */
public final class SoakDriver {
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
  private static final int MAX_IN_FLIGHT = 1_000;

  private SoakDriver() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 7 && args[0].equals("load")) {
      load(base(args), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Double.parseDouble(args[5]),
          Path.of(args[6]));
    } else if (args.length == 4 && args[0].equals("readback")) {
      readback(base(args), Path.of(args[3]));
    } else {
      System.err.println("usage: java SoakDriver.java load HOST PORT SECONDS RATE WRITE_SHARE OUT.csv\n"
          + "       java SoakDriver.java readback HOST PORT OUT.csv");
      System.exit(2);
    }
  }

  private static String base(String[] args) {
    return "http://" + args[1] + ":" + args[2];
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  }

  private static void load(String base, int seconds, int rate, double writeShare, Path out) throws Exception {
    HttpClient http = client();
    List<String> codes = Collections.synchronizedList(new ArrayList<>());
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    AtomicLong sent = new AtomicLong();
    String run = Long.toString(System.currentTimeMillis(), 36);
    try (BufferedWriter csv = Files.newBufferedWriter(out)) {
      csv.write("start_ms,end_ms,kind,status,code,url,error\n");
      long periodNanos = 1_000_000_000L / rate;
      long total = (long) seconds * rate;
      long startNanos = System.nanoTime();
      for (long i = 0; i < total; i++) {
        // The pace of an open model: request i leaves at start + i × period, whatever the answers do.
        LockSupport.parkNanos(startNanos + i * periodNanos - System.nanoTime());
        boolean write = codes.isEmpty() || ThreadLocalRandom.current().nextDouble() < writeShare;
        String url = "https://example.com/soak/" + run + "/" + i;
        HttpRequest request = write
            ? HttpRequest.newBuilder(URI.create(base + "/urls")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}")).build()
            : HttpRequest.newBuilder(URI.create(base + "/u/" + anyOf(codes))).timeout(Duration.ofSeconds(10))
                .GET().build();
        long t0 = System.currentTimeMillis();
        String kind = write ? "write" : "read";
        if (!inFlight.tryAcquire()) {
          row(csv, t0, t0, kind, -1, "", "", "in-flight-cap");
          continue;
        }
        sent.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
          inFlight.release();
          long t1 = System.currentTimeMillis();
          if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            row(csv, t0, t1, kind, 0, "", "", cause.getClass().getSimpleName());
            return;
          }
          String code = "";
          if (write && response.statusCode() == 201) {
            Matcher m = CODE.matcher(response.body());
            if (m.find()) {
              code = m.group(1);
              codes.add(code);
            }
          }
          row(csv, t0, t1, kind, response.statusCode(), code, write ? url : "", "");
        });
      }
      // Let the last requests finish within their own timeout before the file closes.
      inFlight.tryAcquire(MAX_IN_FLIGHT, 15, TimeUnit.SECONDS);
    }
    System.out.println("sent " + sent.get());
  }

  private static String anyOf(List<String> codes) {
    synchronized (codes) {
      return codes.get(ThreadLocalRandom.current().nextInt(codes.size()));
    }
  }

  private static void row(BufferedWriter csv, long t0, long t1, String kind, int status, String code, String url,
      String error) {
    synchronized (csv) {
      try {
        csv.write(t0 + "," + t1 + "," + kind + "," + status + "," + code + "," + url + "," + error + "\n");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void readback(String base, Path csv) throws Exception {
    record Write(String code, String url) {}
    List<Write> writes = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[2].equals("write") && f[3].equals("201")) {
        writes.add(new Write(f[4], f[5]));
      }
    }
    HttpClient http = client();
    AtomicInteger found = new AtomicInteger();
    AtomicInteger unanswered = new AtomicInteger();
    List<String> lost = new CopyOnWriteArrayList<>();
    Semaphore parallel = new Semaphore(16);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Write w : writes) {
        parallel.acquire();
        threads.submit(() -> {
          try {
            switch (readOne(http, base, w.code(), w.url())) {
              case 1 -> found.incrementAndGet();
              case 0 -> lost.add(w.code());
              default -> unanswered.incrementAndGet();
            }
          } finally {
            parallel.release();
          }
          return null;
        });
      }
    }
    System.out.println("acknowledged " + writes.size() + " found " + found.get() + " lost " + lost.size()
        + " unanswered " + unanswered.get());
    lost.forEach(code -> System.out.println("lost " + code));
  }

  /** 1 found, 0 lost, -1 never answered with anything but a network error or a 5xx. */
  private static int readOne(HttpClient http, String base, String code, String url) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/u/" + code))
        .timeout(Duration.ofSeconds(10)).GET().build();
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 302) {
          return url.equals(response.headers().firstValue("Location").orElse("")) ? 1 : 0;
        }
        if (response.statusCode() == 404) {
          return 0;
        }
      } catch (IOException e) {
        // a network error: the same as a 5xx, try again after the pause below
      }
      Thread.sleep(1_000); // a fixed retry gap, as a client's back-off: not a wait standing in for a condition
    }
    return -1;
  }
}
