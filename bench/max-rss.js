// Preloaded into measured processes (node -r ./bench/max-rss.js): writes the process's peak resident set
// size in KiB to the file named by BENCH_RSS_FILE when it exits.
const { writeFileSync } = require("node:fs");
process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE)
    writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
