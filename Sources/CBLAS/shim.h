#include <cblas.h>
/* Provided by OpenBLAS; declared here because cblas.h does not always expose them. */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_corename(void);
