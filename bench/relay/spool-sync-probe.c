/*
 * The spool's per-message disk pattern, alone, for the sequential limit of one session
 * (bench/relay/README.md): what twgate's spool does between end of data and 250 for a small
 * message, in a loop, on the disk the benchmark runs on.
 *
 *   rename free/N -> tmp/N            a finished message's file is written over (RecycledFiles)
 *   open, write SIZE octets, ftruncate, fdatasync, close      (IncomingMessage.persist)
 *   rename tmp/N -> queue/N; open queue/, fsync, close         (commit, DirectorySyncer)
 *   rename queue/N -> free/N          delivery done: the file goes back (made durable by the
 *                                     next message's directory fsync, as in the spool)
 *
 * Usage: spool-sync-probe DIR [messages] [size]; prints the mean milliseconds per message, then
 * the part of it spent in the file's fdatasync and in the directory's fsync.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FILES 64

static void die(const char *what) { perror(what); exit(1); }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s DIR [messages] [size]\n", argv[0]); return 2; }
    const char *dir = argv[1];
    int messages = argc > 2 ? atoi(argv[2]) : 2000;
    size_t size = argc > 3 ? (size_t) atol(argv[3]) : 4096 + 300; /* content + envelope */
    char path[4096], tmp[4096], queue[4096], qdir[4096];
    char *buf = malloc(size);
    if (!buf) die("malloc");
    memset(buf, 'x', size);
    const char *subs[] = {"free", "tmp", "queue"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, subs[i]);
        if (mkdir(path, 0755) && access(path, F_OK)) die(path);
    }
    snprintf(qdir, sizeof qdir, "%s/queue", dir);
    for (int i = 0; i < FILES; i++) { /* the kept files a running spool has in free/ */
        snprintf(path, sizeof path, "%s/free/%d", dir, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write(fd, buf, size) != (ssize_t) size || fsync(fd) || close(fd)) die(path);
    }
    int d = open(dir, O_RDONLY);
    if (d < 0 || syncfs(d)) die("syncfs");
    close(d);
    double start = 0, in_datasync = 0, in_dirsync = 0, t;
    int warmup = messages / 10;
    for (int m = 0; m < warmup + messages; m++) {
        if (m == warmup) start = now();
        int n = m % FILES;
        snprintf(path, sizeof path, "%s/free/%d", dir, n);
        snprintf(tmp, sizeof tmp, "%s/tmp/%d", dir, n);
        snprintf(queue, sizeof queue, "%s/queue/%d", dir, n);
        if (rename(path, tmp)) die("rename free->tmp");
        int fd = open(tmp, O_WRONLY);
        if (fd < 0 || write(fd, buf, size) != (ssize_t) size) die("write");
        if (ftruncate(fd, size)) die("ftruncate");
        t = now();
        if (fdatasync(fd)) die("fdatasync");
        if (m >= warmup) in_datasync += now() - t;
        if (close(fd)) die("close");
        if (rename(tmp, queue)) die("rename tmp->queue");
        int q = open(qdir, O_RDONLY);
        t = now();
        if (q < 0 || fsync(q) || close(q)) die("fsync queue/");
        if (m >= warmup) in_dirsync += now() - t;
        if (rename(queue, path)) die("rename queue->free");
    }
    printf("%.4f %.4f %.4f\n", (now() - start) * 1000 / messages, in_datasync * 1000 / messages,
           in_dirsync * 1000 / messages);
    return 0;
}
