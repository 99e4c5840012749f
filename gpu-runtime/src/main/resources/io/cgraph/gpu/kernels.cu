// Source of kernels.ptx: the device half of io.cgraph.gpu.Kernels. See README.md next to it for the
// exact command that produced the PTX. Every floating-point operation is spelled out with an
// explicit rounding intrinsic (__fmaf_rn, __fadd_rn, ...) so that the compiler cannot contract or
// reorder anything: the host backend computes the same expressions with Math.fma and Java's
// IEEE-754 arithmetic, in the same order, and gets the same bits.

extern "C" __global__ void cgraph_axpy_f32(long long n, float a, const float* x, const float* y, float* out) {
  for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
    out[i] = __fmaf_rn(a, x[i], y[i]);
  }
}

extern "C" __global__ void cgraph_axpy_f64(long long n, double a, const double* x, const double* y, double* out) {
  for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
    out[i] = __fma_rn(a, x[i], y[i]);
  }
}

extern "C" __global__ void cgraph_add_f32(long long n, const float* x, const float* y, float* out) {
  for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
    out[i] = __fadd_rn(x[i], y[i]);
  }
}

extern "C" __global__ void cgraph_add_f64(long long n, const double* x, const double* y, double* out) {
  for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
    out[i] = __dadd_rn(x[i], y[i]);
  }
}

extern "C" __global__ void cgraph_add_i32(long long n, const int* x, const int* y, int* out) {
  for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
    out[i] = (int) ((unsigned int) x[i] + (unsigned int) y[i]);  // wraps like Java int addition
  }
}

extern "C" __global__ void cgraph_add_i64(long long n, const long long* x, const long long* y, long long* out) {
  for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
    out[i] = (long long) ((unsigned long long) x[i] + (unsigned long long) y[i]);  // wraps like Java long addition
  }
}

// y[r] = sum over c of a[r * cols + c] * x[c], accumulated left to right with one fused multiply-add per term.
extern "C" __global__ void cgraph_matvec_f32(long long rows, long long cols, const float* a, const float* x, float* y) {
  for (long long r = (long long) blockIdx.x * blockDim.x + threadIdx.x; r < rows; r += (long long) gridDim.x * blockDim.x) {
    const float* row = a + r * cols;
    float acc = 0.0f;
    for (long long c = 0; c < cols; c++) {
      acc = __fmaf_rn(row[c], x[c], acc);
    }
    y[r] = acc;
  }
}

extern "C" __global__ void cgraph_matvec_f64(long long rows, long long cols, const double* a, const double* x, double* y) {
  for (long long r = (long long) blockIdx.x * blockDim.x + threadIdx.x; r < rows; r += (long long) gridDim.x * blockDim.x) {
    const double* row = a + r * cols;
    double acc = 0.0;
    for (long long c = 0; c < cols; c++) {
      acc = __fma_rn(row[c], x[c], acc);
    }
    y[r] = acc;
  }
}
