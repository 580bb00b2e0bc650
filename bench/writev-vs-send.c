// The CPU a sender spends per call on a loopback TCP connection: writev of a response head and a small body as two
// buffers, against send of the same bytes in one (why the balancer copies a small body into its head's buffer).
// The reader drains on CPU 1; blocks of writev and send alternate, so a slow minute of the host falls on both:
//   gcc -O2 -o /tmp/writev-vs-send bench/writev-vs-send.c -lpthread && /tmp/writev-vs-send
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

enum { HEAD = 150, BODY = 13, CALLS_PER_BLOCK = 5000, BLOCKS = 200 };

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

static void *drain(void *arg) {
    pin(1);
    int fd = *(int *)arg;
    char buf[65536];
    while (read(fd, buf, sizeof buf) > 0) {
    }
    return NULL;
}

static double thread_cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    if (bind(listener, (void *)&addr, sizeof addr) || listen(listener, 1) ||
        getsockname(listener, (void *)&addr, &len)) {
        perror("listen");
        return 1;
    }
    int sender = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(sender, (void *)&addr, sizeof addr)) {
        perror("connect");
        return 1;
    }
    int receiver = accept(listener, NULL, NULL);
    int one = 1;
    setsockopt(sender, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    pthread_t reader;
    pthread_create(&reader, NULL, drain, &receiver);
    pin(0);

    char head[HEAD], body[BODY], whole[HEAD + BODY];
    memset(head, 'h', HEAD);
    memset(body, 'b', BODY);
    memset(whole, 'w', HEAD + BODY);
    struct iovec two[2] = {{head, HEAD}, {body, BODY}};
    double writev_seconds = 0, send_seconds = 0;
    int send_cheaper = 0;
    for (int block = 0; block < BLOCKS; block++) {
        double t0 = thread_cpu_seconds();
        for (int i = 0; i < CALLS_PER_BLOCK; i++) {
            writev(sender, two, 2);
        }
        double t1 = thread_cpu_seconds();
        for (int i = 0; i < CALLS_PER_BLOCK; i++) {
            send(sender, whole, HEAD + BODY, 0);
        }
        double t2 = thread_cpu_seconds();
        writev_seconds += t1 - t0;
        send_seconds += t2 - t1;
        send_cheaper += t2 - t1 < t1 - t0;
    }
    double calls = (double)BLOCKS * CALLS_PER_BLOCK;
    printf("%d + %d bytes: writev %.3f us, send %.3f us per call; send cheaper in %d of %d blocks of %d calls\n", HEAD,
           BODY, writev_seconds / calls * 1e6, send_seconds / calls * 1e6, send_cheaper, BLOCKS, CALLS_PER_BLOCK);
    return 0;
}
