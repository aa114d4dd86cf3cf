// Times one ONNX model with ONNX Runtime (onnxruntime-node) and prints one
// JSON line: load/session/first-run times and per-run latencies.
//
//   node ort_bench.js MODEL.onnx INPUTS.json THREADS ITERATIONS [PROFILE]
//
// THREADS 0 leaves intraOpNumThreads to ONNX Runtime's default. With
// PROFILE, ONNX Runtime's profiler writes every node's times of every run
// to PROFILE_<date>.json (utils/bench/layer_compare.py reads it).
//
// INPUTS.json: [{"name", "shape", "file"}] with raw little-endian f32 files.
const t0 = process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;
const fs = require('fs');
const ort = require('onnxruntime-node');
const tLoaded = process.hrtime.bigint();

(async () => {
  const [model, inputsJson, threads, iterations, profile] =
      process.argv.slice(2);
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: Number(threads),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    ...(profile ? {enableProfiling: true, profileFilePrefix: profile} : {}),
  });
  const tSession = process.hrtime.bigint();
  const feeds = {};
  for (const input of JSON.parse(fs.readFileSync(inputsJson))) {
    const bytes = fs.readFileSync(input.file);
    const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    feeds[input.name] = new ort.Tensor('float32', data, input.shape);
  }
  await session.run(feeds);
  const tFirst = process.hrtime.bigint();
  const runs = [];
  for (let i = 0; i < Number(iterations); ++i) {
    const a = process.hrtime.bigint();
    await session.run(feeds);
    runs.push(ms(a, process.hrtime.bigint()));
  }
  if (profile)
    session.endProfiling();
  console.log(JSON.stringify({
    load_ms: ms(t0, tLoaded),
    session_ms: ms(tLoaded, tSession),
    first_run_ms: ms(tSession, tFirst),
    runs_ms: runs,
  }));
})().catch((e) => { console.error('error: ' + e.message); process.exit(1); });
