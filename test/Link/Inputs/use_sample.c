/* Uses the sample model through its generated header (libraries test):
 * create an instance with two threads, run it, destroy it. */
#include "sample.h"

#include <stdio.h>
#include <stdlib.h>

int main(void) {
  char message[512];
  ovc_config config = {2, NULL};
  ovc_model *model;
  if (sample_model_create(&config, &model, message, sizeof message) !=
      OVC_OK) {
    fprintf(stderr, "error: %s\n", message);
    return 1;
  }
  float *in = calloc(3 * 32 * 32, sizeof(float));
  float out[10];
  const void *ins[] = {in};
  void *outs[] = {out};
  if (ovc_run(model, ins, outs) != OVC_OK)
    return 1;
  float sum = 0;
  for (int i = 0; i < 10; ++i)
    sum += out[i];
  const ovc_model_info *info = ovc_model_get_info(model);
  printf("%s: %d inputs, %d threads, sum of probabilities %.4f\n", info->name,
         info->num_inputs, (int)ovc_model_get_nthreads(model), sum);
  ovc_destroy(model);
  free(in);
  return 0;
}
