// Preloaded (`node --import`) into a benchmarked process: reports its peak RSS on exit, on stderr, so
// benchmarks measure the real command without instrumenting the product.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
