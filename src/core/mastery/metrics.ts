/**
 * Scores for next-response predictions: AUC (how well the predictions rank
 * right answers above wrong ones) and RMSE (how close the probabilities are).
 */

/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney) formula. Tied
 * predictions share their average rank, so a tie between a right and a wrong
 * answer counts as half a correct ordering. Null when the responses are all
 * right or all wrong: there is then nothing to rank.
 */
export function auc(predictions: readonly number[], outcomes: readonly boolean[]): number | null {
  if (predictions.length !== outcomes.length) throw new RangeError('auc: predictions and outcomes differ in length');
  const n = predictions.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => predictions[a]! - predictions[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && predictions[order[end]!] === predictions[order[start]!]) end++;
    // ranks are 1-based: the tie block holds ranks start+1 .. end
    const averageRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) {
      if (outcomes[order[i]!]) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Root mean squared error between the probabilities and the 0/1 outcomes. */
export function rmse(predictions: readonly number[], outcomes: readonly boolean[]): number {
  if (predictions.length !== outcomes.length) throw new RangeError('rmse: predictions and outcomes differ in length');
  if (predictions.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < predictions.length; i++) {
    const error = predictions[i]! - (outcomes[i] ? 1 : 0);
    sum += error * error;
  }
  return Math.sqrt(sum / predictions.length);
}
