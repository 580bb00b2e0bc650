// How long a thread blocked in epoll_wait on CPU 0 takes to run after a thread on CPU 1 makes its pipe readable:
// the wake-up every event loop pays when it sleeps between events. On a VM an idle vCPU can be slow to wake; run it
// once alone and once with CPU 0 kept busy at the lowest priority to see that part:
//   gcc -O2 -o /tmp/wakeup-latency bench/wakeup-latency.c -lpthread && /tmp/wakeup-latency
//   chrt -i 0 taskset -c 0 bash -c 'while :; do :; done' & /tmp/wakeup-latency; kill %1
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

enum { WAKEUPS = 20000, INTERVAL_NS = 200000 };
static int fds[2];

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *writer(void *unused) {
    pin(1);
    for (int i = 0; i < WAKEUPS; i++) {
        long t = now_ns();
        if (write(fds[1], &t, sizeof t) != sizeof t) exit(1);
        struct timespec pause = {0, INTERVAL_NS};
        nanosleep(&pause, NULL);
    }
    return unused;
}

static int by_value(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int main(void) {
    if (pipe(fds) != 0) return 1;
    pin(0);
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = fds[0]};
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
    long *latency = malloc(WAKEUPS * sizeof(long));
    pthread_t w;
    pthread_create(&w, NULL, writer, NULL);
    for (int i = 0; i < WAKEUPS; i++) {
        struct epoll_event ready;
        epoll_wait(ep, &ready, 1, -1);
        long sent;
        if (read(fds[0], &sent, sizeof sent) != sizeof sent) return 1;
        latency[i] = now_ns() - sent;
    }
    pthread_join(w, NULL);
    qsort(latency, WAKEUPS, sizeof(long), by_value);
    printf("wake-up after epoll_wait, us: p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.1f\n",
           latency[WAKEUPS / 2] / 1e3, latency[WAKEUPS * 9 / 10] / 1e3, latency[WAKEUPS * 99 / 100] / 1e3,
           latency[WAKEUPS * 999 / 1000] / 1e3, latency[WAKEUPS - 1] / 1e3);
    return 0;
}
