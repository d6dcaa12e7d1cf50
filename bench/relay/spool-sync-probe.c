/*
 * The spool's per-message disk pattern, alone, for the sequential limit of one session
 * (bench/relay/README.md): what twgate's spool does between end of data and 250 for a small
 * message, in a loop, on the disk the benchmark runs on.
 *
 * reserved (default; ReservedFiles, IncomingMessage.persist):
 *   open queue/N (a reserved file, its name durable), write SIZE octets from offset 0,
 *   ftruncate, pwrite the seal line, fdatasync, close                      -> the path to 250
 *   rename queue/N -> queue/N' (delivery done: kept as a reserve under a new id), and every
 *   BATCH messages one fsync of queue/ (the twgate-spool-reserve thread)   -> background, timed apart
 * fallback (no reserved file ready):
 *   create tmp/N, write, fdatasync, close, rename into queue/, fsync queue/  -> the path to 250
 *   unlink queue/N (delivery done)                                          -> background
 *
 * Usage: spool-sync-probe DIR [messages] [size] [reserved|fallback]; prints the mean
 * milliseconds per message on the path to 250, the part of it in fdatasync, and the background
 * work per message (renames and directory fsyncs off the path to 250).
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
#define BATCH 32
#define SEAL_OFFSET 15
#define SEAL_LINE "seal 0000000000001234 89ABCDEF\n"

static void die(const char *what) { perror(what); exit(1); }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void fsync_dir(const char *dir) {
    int q = open(dir, O_RDONLY);
    if (q < 0 || fsync(q) || close(q)) die("fsync dir");
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s DIR [messages] [size] [reserved|fallback]\n", argv[0]); return 2; }
    const char *dir = argv[1];
    int messages = argc > 2 ? atoi(argv[2]) : 2000;
    size_t size = argc > 3 ? (size_t) atol(argv[3]) : 4096 + 300; /* content + envelope */
    int fallback = argc > 4 && strcmp(argv[4], "fallback") == 0;
    char path[4096], next[4096], tmp[4096], qdir[4096];
    char *buf = malloc(size);
    if (!buf) die("malloc");
    memset(buf, 'x', size);
    snprintf(qdir, sizeof qdir, "%s/queue", dir);
    snprintf(tmp, sizeof tmp, "%s/tmp", dir);
    if ((mkdir(qdir, 0755) && access(qdir, F_OK)) || (mkdir(tmp, 0755) && access(tmp, F_OK))) die("mkdir");
    long names = 0;
    long slot[FILES];
    for (int i = 0; i < FILES; i++) { /* the reserved files a running spool has, as finished messages left them */
        slot[i] = names++;
        snprintf(path, sizeof path, "%s/%ld", qdir, slot[i]);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write(fd, buf, size) != (ssize_t) size || fsync(fd) || close(fd)) die(path);
    }
    int d = open(dir, O_RDONLY);
    if (d < 0 || syncfs(d)) die("syncfs");
    close(d);
    double start = 0, in_datasync = 0, in_background = 0, t;
    int warmup = messages / 10;
    for (int m = 0; m < warmup + messages; m++) {
        if (m == warmup) { start = now(); in_background = 0; in_datasync = 0; }
        int n = m % FILES;
        if (!fallback) {
            snprintf(path, sizeof path, "%s/%ld", qdir, slot[n]);
            int fd = open(path, O_WRONLY);
            if (fd < 0 || pwrite(fd, buf, size, 0) != (ssize_t) size) die("write");
            if (ftruncate(fd, size)) die("ftruncate");
            if (pwrite(fd, SEAL_LINE, strlen(SEAL_LINE), SEAL_OFFSET) != (ssize_t) strlen(SEAL_LINE)) die("seal");
            t = now();
            if (fdatasync(fd)) die("fdatasync");
            in_datasync += now() - t;
            if (close(fd)) die("close");
            t = now();
            slot[n] = names++;
            snprintf(next, sizeof next, "%s/%ld", qdir, slot[n]);
            if (rename(path, next)) die("rename to a new reserve");
            if (m % BATCH == BATCH - 1) fsync_dir(qdir);
            in_background += now() - t;
        } else {
            snprintf(path, sizeof path, "%s/%ld", tmp, names);
            snprintf(next, sizeof next, "%s/%ld", qdir, names++);
            int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
            if (fd < 0 || write(fd, buf, size) != (ssize_t) size) die("write");
            t = now();
            if (fdatasync(fd)) die("fdatasync");
            in_datasync += now() - t;
            if (close(fd) || rename(path, next)) die("rename tmp->queue");
            fsync_dir(qdir);
            t = now();
            if (unlink(next)) die("unlink");
            in_background += now() - t;
        }
    }
    double total = (now() - start) - in_background;
    printf("%.4f %.4f %.4f\n", total * 1000 / messages, in_datasync * 1000 / messages,
           in_background * 1000 / messages);
    return 0;
}
