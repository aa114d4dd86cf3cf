/* Uses the sample model through its generated header (libraries test). */
#include "sample.h"
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  char msg[256];
  if (ovc_check_cpu(sample_model.isa, msg, sizeof msg) != OVC_OK) { fprintf(stderr, "%s\n", msg); return 1; }
  float *in = calloc(3*32*32, sizeof(float)); float out[10];
  const void *ins[] = {in}; void *outs[] = {out};
  if (ovc_infer(&sample_model, ins, outs) != OVC_OK) return 1;
  float sum = 0; for (int i = 0; i < 10; ++i) sum += out[i];
  printf("%s: %d inputs, sum of probabilities %.4f\n", sample_model.name, sample_model.num_inputs, sum);
  return 0;
}
