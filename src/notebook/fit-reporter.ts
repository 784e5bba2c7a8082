/**
 * What `Model.fit` shows in a notebook: a line per epoch and a live training chart. The core
 * library knows nothing of notebooks; importing `nn-from-scratch/notebook` installs this reporter
 * where `fit` looks for one (a registered global symbol, shared by every loaded copy).
 */
import { formatEpoch, type FitReporter } from "../model.js";
import { canShowCharts } from "./charts/display.js";
import { trainingChart } from "./charts/live.js";

const REPORTER = Symbol.for("nn-from-scratch.fitReporter");

const reporter: FitReporter = {
  start(model, { epochs, validation }) {
    const live = canShowCharts();
    const chart = live
      ? trainingChart({
          title: `Training: ${model.layers.map((l) => l.name).join(" → ")}`,
          metrics: validation ? ["loss", "accuracy", "val loss", "val accuracy"] : ["loss", "accuracy"],
        })
      : undefined;
    return {
      epoch(epoch, logs) {
        console.log(formatEpoch(epoch, epochs, logs));
        if (chart) {
          const values: Record<string, number> = { loss: logs.loss, accuracy: logs.accuracy };
          if (logs.valLoss !== undefined) values["val loss"] = logs.valLoss;
          if (logs.valAccuracy !== undefined) values["val accuracy"] = logs.valAccuracy;
          void chart.update(epoch, values);
        }
      },
      end() {
        chart?.done();
      },
    };
  },
};

(globalThis as Record<symbol, unknown>)[REPORTER] = reporter;
