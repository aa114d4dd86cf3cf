/*===- main.c - the command line of an ovc-compiled executable ------------===*
 *
 *   APP --info
 *   APP -i NAME=FILE.npy [-i ...] | -i FILE.npy ... [-o DIR]
 *   APP --benchmark [-niter N] [-t SECONDS] [--json]
 *   -nthreads N: threads per inference (default: every CPU)
 *   --weights FILE: the external weights file (default: next to APP)
 *   -pc / -pcsort: per-layer counters after the run (sorted by time)
 *
 * Errors print one `error:` line and exit with status 1.
 *
 *===----------------------------------------------------------------------===*/

#include "npy.h"
#include "ovc_runtime.h"
#include "page_memory.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

extern const ovc_model_info ovc_exe_model; /* the generated interface */

#define MAX_TENSORS 64

static int die(const char *format, const char *a, const char *b) {
  fprintf(stderr, "error: ");
  fprintf(stderr, format, a, b);
  fprintf(stderr, "\n");
  return 1;
}

/* Runs one inference; on failure says why and returns non-zero. */
static int infer(ovc_model *model, void *const *buffers, int32_t inputs) {
  ovc_status status =
      ovc_run(model, (const void *const *)buffers, buffers + inputs);
  switch (status) {
  case OVC_OK:
    return 0;
  case OVC_ERROR_OUT_OF_MEMORY:
    return die("inference failed: out of memory for a kernel's buffers%s%s", "",
               "");
  default:
    return die("inference failed (status %s)%s",
               status == OVC_ERROR_INVALID_ARGUMENT ? "invalid argument"
                                                    : "unexpected",
               "");
  }
}

static void print_tensor(const ovc_tensor_info *t) {
  printf("  %s: %s [", t->name, ovc_element_type_name(t->type));
  for (int32_t i = 0; i < t->rank; ++i)
    printf("%s%lld", i ? "," : "", (long long)t->dims[i]);
  printf("]");
  if (t->ir_type != t->type)
    printf(" (IR type %s)", ovc_element_type_name(t->ir_type));
  if (strcmp(t->layer_name, t->name) != 0)
    printf(" layer '%s'", t->layer_name);
  printf("\n");
}

static void print_info(void) {
  printf("model: %s\nisa: %s\ninputs:\n", ovc_exe_model.name,
         ovc_exe_model.isa);
  for (int32_t i = 0; i < ovc_exe_model.num_inputs; ++i)
    print_tensor(&ovc_exe_model.inputs[i]);
  printf("outputs:\n");
  for (int32_t i = 0; i < ovc_exe_model.num_outputs; ++i)
    print_tensor(&ovc_exe_model.outputs[i]);
  printf("multiply-adds: %llu per inference",
         (unsigned long long)ovc_exe_model.multiply_adds);
  if (ovc_model_is_small(&ovc_exe_model))
    printf(" (a small model: each inference runs on one thread)");
  printf("\n");
}

/* Output file names: the tensor name with characters outside
 * [A-Za-z0-9._-] replaced by '_'. */
static void file_name_of(const char *name, char *out, size_t size) {
  size_t n = 0;
  for (; *name && n + 1 < size; ++name, ++n) {
    char c = *name;
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    out[n] = ok ? c : '_';
  }
  out[n] = 0;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

typedef struct {
  int32_t index;
  double ms;
} layer_time;

static int by_time_desc(const void *a, const void *b) {
  double x = ((const layer_time *)a)->ms, y = ((const layer_time *)b)->ms;
  return (y > x) - (y < x);
}

/* benchmark_app -pc style: one line per IR layer, time per inference.
 * Columns are padded, never cut: a long name stays whole (and unique). */
static void print_counters(int sorted) {
  int32_t n = ovc_exe_model.num_layers;
  if (n == 0) {
    printf("no per-layer counters in this model\n");
    return;
  }
  layer_time *rows = (layer_time *)malloc(sizeof(layer_time) * (size_t)n);
  if (!rows)
    return;
  double total = 0;
  for (int32_t i = 0; i < n; ++i) {
    uint64_t calls = ovc_exe_model.layer_calls[i];
    rows[i].index = i;
    rows[i].ms = calls ? ovc_exe_model.layer_ns[i] / 1e6 / (double)calls : 0;
    total += rows[i].ms;
  }
  if (sorted)
    qsort(rows, (size_t)n, sizeof(layer_time), by_time_desc);
  printf("%-64s %-10s %-20s %-36s %12s %7s\n", "layer", "status", "type",
         "exec type", "real time ms", "%");
  for (int32_t r = 0; r < n; ++r) {
    const ovc_layer_info *l = &ovc_exe_model.layers[rows[r].index];
    printf("%-64s %-10s %-20s %-36s %12.4f %6.2f%%\n", l->name,
           ovc_exe_model.layer_calls[rows[r].index] ? "EXECUTED" : "NOT_RUN",
           l->type, l->exec_type, rows[r].ms,
           total > 0 ? 100.0 * rows[r].ms / total : 0.0);
  }
  printf("total: %.4f ms over %d layers (per inference)\n", total, n);
  free(rows);
}

static int load_input(int index, const char *path, void **buffer) {
  const ovc_tensor_info *t = &ovc_exe_model.inputs[index];
  npy_array array;
  char error[512];
  if (npy_read(path, &array, error, sizeof(error)))
    return die("%s%s", error, "");
  char expected[256] = "", got[256] = "";
  int shapeOk = array.rank == t->rank;
  for (int32_t i = 0; i < t->rank; ++i) {
    snprintf(expected + strlen(expected), sizeof(expected) - strlen(expected),
             "%s%lld", i ? "," : "", (long long)t->dims[i]);
    if (shapeOk && array.dims[i] != t->dims[i])
      shapeOk = 0;
  }
  for (int32_t i = 0; i < array.rank; ++i)
    snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%lld",
             i ? "," : "", (long long)array.dims[i]);
  if (!shapeOk) {
    fprintf(stderr,
            "error: %s: input '%s' needs shape [%s], the file has [%s]\n", path,
            t->name, expected, got);
    npy_free(&array);
    return 1;
  }
  if (strcmp(array.descr, npy_descr(t->type)) != 0) {
    fprintf(stderr,
            "error: %s: input '%s' needs dtype %s (%s), the file has %s\n",
            path, t->name, npy_descr(t->type), ovc_element_type_name(t->type),
            array.descr);
    npy_free(&array);
    return 1;
  }
  *buffer = array.data; /* ownership moves to the caller */
  return 0;
}

int main(int argc, char **argv) {
  char message[512];
  /* Before anything else: no model code may run on a CPU without its ISA. */
  if (ovc_check_cpu(ovc_exe_model.isa, message, sizeof(message)) != OVC_OK) {
    fprintf(stderr, "error: %s\n", message);
    return 1;
  }
  ovc_config config = {0, NULL};
  const char *inputPaths[MAX_TENSORS] = {0};
  const char *outputDir = NULL;
  int benchmark = 0, json = 0, positional = 0, counters = 0, sorted = 0;
  long iterations = 0;
  double seconds = 0;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    int hasValue = i + 1 < argc;
    if (!strcmp(arg, "--info")) {
      print_info();
      return 0;
    } else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
      printf("usage: %s --info | -i [NAME=]FILE.npy ... [-o DIR] | "
             "--benchmark [-niter N] [-t SECONDS] [--json]\n"
             "  [-nthreads N] [--weights FILE] [-pc|-pcsort]\n",
             argv[0]);
      return 0;
    } else if (!strcmp(arg, "-i") && hasValue) {
      const char *value = argv[++i];
      const char *eq = strchr(value, '=');
      int index = -1;
      if (eq) {
        for (int32_t k = 0; k < ovc_exe_model.num_inputs; ++k)
          if (strlen(ovc_exe_model.inputs[k].name) == (size_t)(eq - value) &&
              !strncmp(ovc_exe_model.inputs[k].name, value,
                       (size_t)(eq - value)))
            index = k;
        if (index < 0) {
          fprintf(stderr,
                  "error: the model has no input named '%.*s' (see "
                  "--info)\n",
                  (int)(eq - value), value);
          return 1;
        }
        value = eq + 1;
      } else {
        index = positional++;
        if (index >= ovc_exe_model.num_inputs)
          return die("too many inputs: the model takes %s (see --info); "
                     "extra file %s",
                     ovc_exe_model.num_inputs == 1 ? "one" : "fewer", value);
      }
      inputPaths[index] = value;
    } else if (!strcmp(arg, "-o") && hasValue) {
      outputDir = argv[++i];
    } else if (!strcmp(arg, "--benchmark")) {
      benchmark = 1;
    } else if (!strcmp(arg, "--json")) {
      json = 1;
    } else if (!strcmp(arg, "-pc")) {
      counters = 1;
    } else if (!strcmp(arg, "-pcsort")) {
      counters = sorted = 1;
    } else if (!strcmp(arg, "-niter") && hasValue) {
      iterations = strtol(argv[++i], NULL, 10);
      if (iterations <= 0)
        return die("-niter needs a positive count, got %s%s", argv[i], "");
    } else if (!strcmp(arg, "-t") && hasValue) {
      seconds = strtod(argv[++i], NULL);
      if (!(seconds > 0))
        return die("-t needs a positive number of seconds, got %s%s", argv[i],
                   "");
    } else if (!strcmp(arg, "-nthreads") && hasValue) {
      char *end;
      long n = strtol(argv[++i], &end, 10);
      if (n <= 0 || n > 4096 || *end)
        return die("-nthreads needs a positive count, got %s%s", argv[i], "");
      config.nthreads = (int32_t)n;
    } else if (!strcmp(arg, "--weights") && hasValue) {
      config.weights_path = argv[++i];
    } else {
      return die("unknown or incomplete argument '%s' (see --help)%s", arg, "");
    }
  }

  ovc_model *model;
  if (ovc_create(&ovc_exe_model, &config, &model, message, sizeof(message)) !=
      OVC_OK)
    return die("%s%s", message, "");

  void *buffers[2 * MAX_TENSORS] = {0};
  int32_t nin = ovc_exe_model.num_inputs, nout = ovc_exe_model.num_outputs;
  if (nin > MAX_TENSORS || nout > MAX_TENSORS)
    return die("the model has too many inputs or outputs%s%s", "", "");
  int status = 0;
  for (int32_t k = 0; k < nin && !status; ++k) {
    const ovc_tensor_info *t = &ovc_exe_model.inputs[k];
    if (inputPaths[k]) {
      status = load_input(k, inputPaths[k], &buffers[k]);
    } else if (benchmark) {
      /* Benchmarks without inputs run on deterministic data. */
      size_t bytes = (size_t)ovc_tensor_elements(t) * ovc_element_size(t->type);
      buffers[k] = ovc_alloc_pages(bytes, NULL);
      if (!buffers[k])
        return die("out of memory%s%s", "", "");
      memset(buffers[k], 0, bytes);
    } else {
      fprintf(stderr,
              "error: missing input '%s': pass -i %s=FILE.npy (see "
              "--info)\n",
              t->name, t->name);
      status = 1;
    }
  }
  for (int32_t k = 0; k < nout && !status; ++k) {
    const ovc_tensor_info *t = &ovc_exe_model.outputs[k];
    size_t bytes = (size_t)ovc_tensor_elements(t) * ovc_element_size(t->type);
    buffers[nin + k] = ovc_alloc_pages(bytes, NULL);
    if (!buffers[nin + k])
      return die("out of memory%s%s", "", "");
  }
  if (status)
    return 1;

  if (benchmark) {
    /* Warm-up, then timed runs until both the count and the time are met. */
    if (infer(model, buffers, nin))
      return 1;
    if (ovc_exe_model.num_layers)
      ovc_reset_counters(&ovc_exe_model);
    long minIterations = iterations ? iterations : 20;
    double minMs = seconds > 0 ? seconds * 1e3 : (iterations ? 0 : 1000);
    size_t capacity = 1024, count = 0;
    double *samples = (double *)malloc(capacity * sizeof(double));
    double start = now_ms();
    while ((long)count < minIterations || now_ms() - start < minMs) {
      double t0 = now_ms();
      if (infer(model, buffers, nin))
        return 1;
      double t1 = now_ms();
      if (count == capacity) {
        capacity *= 2;
        samples = (double *)realloc(samples, capacity * sizeof(double));
        if (!samples)
          return die("out of memory%s%s", "", "");
      }
      samples[count++] = t1 - t0;
      if (iterations && (long)count >= iterations && seconds <= 0)
        break;
    }
    qsort(samples, count, sizeof(double), compare_doubles);
    double median = count % 2
                        ? samples[count / 2]
                        : 0.5 * (samples[count / 2 - 1] + samples[count / 2]);
    double fps = median > 0 ? 1e3 / median : 0;
    printf("model: %s (%s)\niterations: %zu\nlatency median: %.4f ms, min: "
           "%.4f ms, max: %.4f ms\nthroughput: %.2f FPS\n",
           ovc_exe_model.name, ovc_exe_model.isa, count, median, samples[0],
           samples[count - 1], fps);
    if (json)
      printf("{\"model\": \"%s\", \"median_ms\": %.6f, \"min_ms\": %.6f, "
             "\"max_ms\": %.6f, \"throughput_fps\": %.3f, \"niter\": %zu, "
             "\"nthreads\": %d, \"isa\": \"%s\"}\n",
             ovc_exe_model.name, median, samples[0], samples[count - 1], fps,
             count, (int)ovc_model_get_nthreads(model), ovc_exe_model.isa);
    free(samples);
  } else if (infer(model, buffers, nin)) {
    return 1;
  }

  if (counters)
    print_counters(sorted);

  if (outputDir && !benchmark) {
    if (mkdir(outputDir, 0777) != 0 && errno != EEXIST)
      return die("%s: cannot create the output folder: %s", outputDir,
                 strerror(errno));
    for (int32_t k = 0; k < nout; ++k) {
      const ovc_tensor_info *t = &ovc_exe_model.outputs[k];
      char file[512], path[1024], error[512];
      file_name_of(t->name, file, sizeof(file));
      snprintf(path, sizeof(path), "%s/%s.npy", outputDir, file);
      size_t bytes = (size_t)ovc_tensor_elements(t) * ovc_element_size(t->type);
      if (npy_write(path, npy_descr(t->type), t->rank, t->dims,
                    buffers[nin + k], bytes, error, sizeof(error)))
        return die("%s%s", error, "");
    }
  }
  for (int32_t k = 0; k < nin + nout; ++k)
    free(buffers[k]);
  ovc_destroy(model);
  return 0;
}
