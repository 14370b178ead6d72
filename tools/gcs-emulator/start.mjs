// Starts the Cloud Storage emulator of firebase-tools in-process, serving the GCS JSON API on 127.0.0.1.
//
//   node tools/gcs-emulator/start.mjs [--port N] [--project ID] [--exit-with-stdin]
//
// `firebase emulators:start` needs Java 21 and downloads the Storage rules jar; neither is possible on
// these machines. The JSON API endpoints (storage/v1 and upload/storage/v1) run against the emulator's
// admin storage layer, which never consults the rules, so the rules runtime and manager are replaced by
// no-ops and the emulator's Express app is served directly. What the emulator does not do: it ignores
// preconditions (ifGenerationMatch) and finalizes a resumable upload on its first PUT; the object
// store's request-level tests cover both.
//
// Prints one line when listening, which the test fixture waits for:
//   gcs-emulator ready http://127.0.0.1:<port>
// Buckets are created on first use. Objects live in memory and in a private temp folder removed on exit.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const Host = "127.0.0.1";

function parseArguments(argv) {
  const options = { port: 0, project: "stocklakehouse-test", exitWithStdin: false };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === "--port" && i + 1 < argv.length) {
      options.port = Number.parseInt(argv[++i], 10);
      if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
        fail(`--port must be an integer from 0 (any free port) to 65535, not '${argv[i]}'.`);
      }
    } else if (argument === "--project" && i + 1 < argv.length) {
      options.project = argv[++i];
    } else if (argument === "--exit-with-stdin") {
      options.exitWithStdin = true;
    } else {
      fail(`Unknown argument '${argument}'. Usage: start.mjs [--port N] [--project ID] [--exit-with-stdin]`);
    }
  }
  return options;
}

function fail(message) {
  process.stderr.write(`gcs-emulator: ${message}\n`);
  process.exit(2);
}

function loadFirebaseTools() {
  const require = createRequire(import.meta.url);
  try {
    return {
      StorageEmulator: require("firebase-tools/lib/emulator/storage/index.js").StorageEmulator,
      createApp: require("firebase-tools/lib/emulator/storage/server.js").createApp,
      EmulatorRegistry: require("firebase-tools/lib/emulator/registry.js").EmulatorRegistry,
    };
  } catch (error) {
    fail(`firebase-tools is not installed next to this script (run 'make gcs-emulator'): ${error.message}`);
  }
}

const noOpRulesRuntime = { start: async () => {}, stop: async () => {} };
const noOpRulesManager = {
  start: async () => ({ errors: [], warnings: [] }),
  stop: async () => {},
  getRuleset: () => undefined,
};

const options = parseArguments(process.argv.slice(2));
const { StorageEmulator, createApp, EmulatorRegistry } = loadFirebaseTools();

// Each instance gets its own blob folder: the emulator's default (<tmp>/firebase/storage/blobs) is shared
// by every instance on the machine and removed wholesale when one of them stops.
const blobs = mkdtempSync(join(tmpdir(), "stocklakehouse-gcs-emulator-"));

class InProcessStorageEmulator extends StorageEmulator {
  createRulesManager() {
    return noOpRulesManager;
  }

  getPersistenceTmpDir() {
    return blobs;
  }
}

const emulator = new InProcessStorageEmulator({
  projectId: options.project,
  host: Host,
  port: options.port,
  rules: [],
  auto_download: false,
});
emulator._rulesRuntime = noOpRulesRuntime;

const app = await createApp(options.project, emulator);
const server = createServer(app);

let stopping = false;
function stop(code) {
  if (stopping) {
    return;
  }
  stopping = true;
  server.close();
  server.closeAllConnections?.();
  rmSync(blobs, { recursive: true, force: true });
  process.exit(code);
}

process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
if (options.exitWithStdin) {
  // The test fixture holds our stdin open; when its process ends for any reason, so do we.
  process.stdin.on("end", () => stop(0));
  process.stdin.on("error", () => stop(0));
  process.stdin.resume();
}

server.on("error", (error) => {
  process.stderr.write(`gcs-emulator: cannot listen on ${Host}:${options.port}: ${error.message}\n`);
  stop(1);
});
server.listen(options.port, Host, () => {
  const { port } = server.address();
  // Bucket and object metadata carry self links built from the registered emulator's host and port.
  emulator.args.port = port;
  EmulatorRegistry.set(emulator.getName(), emulator);
  process.stdout.write(`gcs-emulator ready http://${Host}:${port}\n`);
});
