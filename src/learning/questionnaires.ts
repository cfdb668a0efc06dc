// Pre/post-training questionnaire comparison for a session: what the training changed, in percentage points.
export interface QuestionnaireScores {
  learnerId: string;
  pre?: number; // percent of the maximum
  post?: number;
}

export interface QuestionnaireSummary {
  pairs: number;
  averagePre: number | null;
  averagePost: number | null;
  averageGain: number | null;
  improvedShare: number | null;
  incomplete: number;
}

const mean = (values: number[]): number | null => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null);
const round = (value: number): number => Math.round(value * 100) / 100;

export function compareQuestionnaires(scores: QuestionnaireScores[]): QuestionnaireSummary {
  const pairs = scores.filter((s): s is Required<QuestionnaireScores> => s.pre !== undefined && s.post !== undefined);
  return {
    pairs: pairs.length,
    averagePre: mean(pairs.map((p) => p.pre)),
    averagePost: mean(pairs.map((p) => p.post)),
    averageGain: mean(pairs.map((p) => p.post - p.pre)),
    improvedShare: pairs.length ? round(pairs.filter((p) => p.post > p.pre).length / pairs.length) : null,
    incomplete: scores.length - pairs.length,
  };
}
