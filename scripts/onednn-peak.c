// The peak rate of oneDNN's matmul on this CPU, fp32 and bf16 (fp32 accumulation), on a large
// square shape and on three of the standard benchmark's layer shapes (512 rows): the ceiling that
// docs/performance.md holds the bf16 scoring target against. Not part of pepnet or its tests.
//   gcc -O2 scripts/onednn-peak.c -o /tmp/onednn-peak -ldnnl && OMP_NUM_THREADS=1 /tmp/onednn-peak
#include <dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define CK(x) do{dnnl_status_t s=(x); if(s!=dnnl_success){printf("err %d at %s\n",s,#x);exit(1);}}while(0)
static void run(dnnl_engine_t eng, dnnl_stream_t st, int m,int k,int n, dnnl_data_type_t t){
  dnnl_memory_desc_t ad,bd,cd; dnnl_dims_t a_d={m,k},b_d={k,n},c_d={m,n};
  CK(dnnl_memory_desc_init_by_tag(&ad,2,a_d,t,dnnl_ab));
  CK(dnnl_memory_desc_init_by_tag(&bd,2,b_d,t,dnnl_format_tag_any));
  CK(dnnl_memory_desc_init_by_tag(&cd,2,c_d,dnnl_f32,dnnl_ab));
  dnnl_matmul_desc_t md; CK(dnnl_matmul_desc_init(&md,&ad,&bd,NULL,&cd));
  dnnl_primitive_desc_t pd; CK(dnnl_primitive_desc_create(&pd,&md,NULL,eng,NULL));
  const dnnl_memory_desc_t*wmd=dnnl_primitive_desc_query_md(pd,dnnl_query_weights_md,0);
  const char* impl; dnnl_primitive_desc_query(pd,dnnl_query_impl_info_str,0,&impl);
  dnnl_primitive_t p; CK(dnnl_primitive_create(&p,pd));
  dnnl_memory_t am,bm,cm; CK(dnnl_memory_create(&am,&ad,eng,DNNL_MEMORY_ALLOCATE));CK(dnnl_memory_create(&bm,wmd,eng,DNNL_MEMORY_ALLOCATE));CK(dnnl_memory_create(&cm,&cd,eng,DNNL_MEMORY_ALLOCATE));
  void*h; size_t sz;
  dnnl_memory_get_data_handle(am,&h); sz=dnnl_memory_desc_get_size(&ad); for(size_t i=0;i<sz/2;i++) ((unsigned short*)h)[i]=(t==dnnl_bf16)?0x3f80:0; if(t!=dnnl_bf16) for(size_t i=0;i<sz/4;i++) ((float*)h)[i]=0.5f;
  dnnl_memory_get_data_handle(bm,&h); sz=dnnl_memory_desc_get_size(wmd); for(size_t i=0;i<sz/2;i++) ((unsigned short*)h)[i]=(t==dnnl_bf16)?0x3f00:0; if(t!=dnnl_bf16) for(size_t i=0;i<sz/4;i++) ((float*)h)[i]=0.25f;
  dnnl_exec_arg_t args[3]={{DNNL_ARG_SRC,am},{DNNL_ARG_WEIGHTS,bm},{DNNL_ARG_DST,cm}};
  for(int r=0;r<3;r++) CK(dnnl_primitive_execute(p,st,3,args)); dnnl_stream_wait(st);
  int reps=20; double best=1e9;
  for(int r=0;r<reps;r++){double t0=now(); CK(dnnl_primitive_execute(p,st,3,args)); dnnl_stream_wait(st); double d=now()-t0; if(d<best)best=d;}
  printf("%s %dx%dx%d: %.1f GFLOP/s (best of %d; %s)\n", t==dnnl_bf16?"bf16":"f32 ", m,k,n, 2.0*m*k*n/best/1e9, reps, impl);
}
int main(){
  dnnl_engine_t eng; CK(dnnl_engine_create(&eng,dnnl_cpu,0));
  dnnl_stream_t st; CK(dnnl_stream_create(&st,eng,dnnl_stream_default_flags));
  run(eng,st,2048,2048,2048,dnnl_f32); run(eng,st,2048,2048,2048,dnnl_bf16);
  run(eng,st,512,384,256,dnnl_f32); run(eng,st,512,384,256,dnnl_bf16);
  run(eng,st,512,432,960,dnnl_f32); run(eng,st,512,432,960,dnnl_bf16);
  run(eng,st,512,64,384,dnnl_f32); run(eng,st,512,64,384,dnnl_bf16);
}
