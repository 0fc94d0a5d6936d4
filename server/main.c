/* policy-serve: the clause index over HTTP, for a browser and for scripts.
 *   policy-serve [--db DIR] [--listen 127.0.0.1:8080] [--threads N]
 * Pages (server-rendered, Chinese UI) at /, /search, /clause/ID, /doc/FILE, /dept, /matrix;
 * JSON at /api/... (the fields of policy-search --json). Binds 127.0.0.1 unless told otherwise;
 * port 0 takes any free port. Once listening it prints one line,
 * "policy-serve: serving DIR at http://HOST:PORT/", and runs until SIGINT or SIGTERM. */
#include <arpa/inet.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "serve.h"
#include "xalloc.h"

enum {
    DEFAULT_THREADS = 4,
    MAX_THREADS = 64,
    CONNECTION_LIMIT = 256,
    CONNECTION_TIMEOUT_S = 10,
    CONNECTION_MEMORY_BYTES = 64 * 1024, /* a request's head, query string included */
};

static void usage(FILE *f)
{
    fputs("usage: policy-serve [--db DIR] [--listen HOST:PORT] [--threads N] [--partial]\n"
          "Serves the clause index over HTTP: search pages and a JSON API.\n"
          "  --db DIR          index folder (default: $POLICY_DB, else ./policy.db), or a stub\n"
          "                    file of shards (auto PATH, remote HOST:PORT)\n"
          "  --partial         when a shard does not answer, answer from the others, naming it\n"
          "                    (\"partial\" in JSON, a notice on the page); else 503\n"
          "  --listen H:P      address to bind (default 127.0.0.1:8080; port 0: any free port)\n"
          "  --threads N       requests searched at once, each with its own index handle\n"
          "                    (default 4); each connection has its own thread\n",
          f);
}

/* "127.0.0.1:8080", ":8080", "8080", "localhost:0" into an IPv4 address. */
static bool parse_listen(const char *s, struct sockaddr_in *sa)
{
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    const char *colon = strrchr(s, ':');
    const char *port = colon ? colon + 1 : s;
    char host[64] = "127.0.0.1";
    if (colon && colon > s) {
        if ((size_t)(colon - s) >= sizeof host)
            return false;
        memcpy(host, s, (size_t)(colon - s));
        host[colon - s] = '\0';
    }
    if (strcmp(host, "localhost") == 0)
        strcpy(host, "127.0.0.1");
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return false;
    sa->sin_port = htons((unsigned short)p);
    return true;
}

static void log_error(void *cls, const char *fmt, va_list ap)
{
    fputs("policy-serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

int main(int argc, char **argv)
{
    xalloc_program = "policy-serve";
    const char *db = getenv("POLICY_DB"), *listen = "127.0.0.1:8080";
    long threads = DEFAULT_THREADS;
    bool partial = false;
    if (!db || !*db)
        db = "policy.db";
    static const struct option LONG[] = {
        {"db", required_argument, NULL, 'd'},      {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'}, {"partial", no_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "", LONG, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'l':
            listen = optarg;
            break;
        case 'p':
            partial = true;
            break;
        case 't':
            threads = strtol(optarg, &end, 10);
            if (!*optarg || *end || threads < 1 || threads > MAX_THREADS) {
                fprintf(stderr, "policy-serve: --threads is a number from 1 to %d\n", MAX_THREADS);
                return 2;
            }
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "policy-serve: unexpected argument \"%s\" (see --help)\n", argv[optind]);
        return 2;
    }
    struct sockaddr_in sa;
    if (!parse_listen(listen, &sa)) {
        fprintf(stderr, "policy-serve: --listen wants HOST:PORT with an IPv4 address, not \"%s\"\n",
                listen);
        return 2;
    }

    /* The workers inherit this mask: the signals reach only sigwait below. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    db_init((unsigned)threads, partial);

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO |
            MHD_USE_ERROR_LOG,
        0, NULL, NULL, route_request, (void *)db, MHD_OPTION_EXTERNAL_LOGGER, log_error, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)CONNECTION_LIMIT, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY_BYTES, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "policy-serve: cannot listen on %s (in use, or not this machine's?)\n",
                listen);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : ntohs(sa.sin_port);
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
    printf("policy-serve: serving %s at http://%s:%u/\n", db, host, port);
    fflush(stdout);

    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "policy-serve: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_stop_daemon(d);
    db_shutdown();
    return 0;
}
