/* oneDNN's C API (libdnnl-dev 2.6, Debian 12) for PepnetNumerics' bf16 matmul. */
#include <dlfcn.h>
#include <oneapi/dnnl/dnnl.h>

/* Execution-argument indices: in dnnl_types.h they are macros of macros, which Swift does not import. */
static const int pepnet_dnnl_arg_src = DNNL_ARG_SRC;
static const int pepnet_dnnl_arg_weights = DNNL_ARG_WEIGHTS;
static const int pepnet_dnnl_arg_bias = DNNL_ARG_BIAS;
static const int pepnet_dnnl_arg_dst = DNNL_ARG_DST;
static const int pepnet_dnnl_arg_from = DNNL_ARG_FROM;
static const int pepnet_dnnl_arg_to = DNNL_ARG_TO;

/* Sets the calling thread's OpenMP team size for oneDNN's parallel regions. Debian's libdnnl is
   built on libgomp, which it loads; the symbol is looked up there so that pepnet need not link
   libgomp itself. Returns 0 when no OpenMP runtime is loaded. */
static inline int pepnet_omp_set_num_threads(int n) {
  static void (*set)(int) = 0;
  if (!set) set = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_num_threads");
  if (!set) return 0;
  set(n);
  return 1;
}

/* A row-major rows x cols memory descriptor whose rows are row_stride elements apart
   (dnnl_dims_t is a 12-element array, awkward to build from Swift). */
static inline dnnl_status_t pepnet_dnnl_matrix_desc(dnnl_memory_desc_t *desc, int64_t rows, int64_t cols,
                                                    int64_t row_stride, dnnl_data_type_t type) {
  dnnl_dims_t dims = {rows, cols};
  dnnl_dims_t strides = {row_stride, 1};
  return dnnl_memory_desc_init_by_strides(desc, 2, dims, type, strides);
}

/* A rows x cols descriptor whose layout the primitive chooses (dnnl_format_tag_any). */
static inline dnnl_status_t pepnet_dnnl_matrix_desc_any(dnnl_memory_desc_t *desc, int64_t rows, int64_t cols,
                                                        dnnl_data_type_t type) {
  dnnl_dims_t dims = {rows, cols};
  return dnnl_memory_desc_init_by_tag(desc, 2, dims, type, dnnl_format_tag_any);
}
