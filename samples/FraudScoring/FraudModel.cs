using Microsoft.ML;
using Microsoft.ML.Data;

/// <summary>An ML.NET multiclass model trained in-process at start-up on synthetic transactions. It
/// predicts a decision label; the per-class scores never leave this class.</summary>
public sealed class FraudModel
{
    public const string RateLimitPolicy = "scoring";

    private static readonly string[] Decisions = ["approve", "review", "decline"];

    private readonly PredictionEngine<Transaction, DecisionPrediction> _engine;
    private readonly Lock _gate = new();

    public FraudModel()
    {
        var ml = new MLContext(seed: 7);
        var data = ml.Data.LoadFromEnumerable(SyntheticTransactions(2_000, seed: 42));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Transaction.Label))
            .Append(ml.Transforms.Concatenate("Features",
                nameof(Transaction.Amount), nameof(Transaction.AccountAgeDays), nameof(Transaction.TransactionsLastDay),
                nameof(Transaction.HourOfDay), nameof(Transaction.IsForeign)))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        _engine = ml.Model.CreatePredictionEngine<Transaction, DecisionPrediction>(model);
    }

    public string Decide(TransactionRequest request)
    {
        var row = new Transaction
        {
            Amount = request.Amount,
            AccountAgeDays = request.AccountAgeDays,
            TransactionsLastDay = request.TransactionsLastDay,
            HourOfDay = request.HourOfDay,
            IsForeign = request.IsForeign ? 1f : 0f,
        };
        string decision;
        lock (_gate) // PredictionEngine is not thread-safe
            decision = _engine.Predict(row).Decision;
        return Array.IndexOf(Decisions, decision) >= 0 ? decision : "review";
    }

    /// <summary>Synthetic training data: the label follows a few risk rules plus noise.</summary>
    private static IEnumerable<Transaction> SyntheticTransactions(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var t = new Transaction
            {
                Amount = MathF.Round((float)Math.Exp(random.NextDouble() * 9), 2),
                AccountAgeDays = random.Next(0, 3_650),
                TransactionsLastDay = random.Next(0, 40),
                HourOfDay = random.Next(0, 24),
                IsForeign = random.NextDouble() < 0.2 ? 1f : 0f,
            };
            var risk = t.Amount / 1_000f * (1 + t.IsForeign)
                + (t.AccountAgeDays < 30 ? 2 : 0)
                + (t.TransactionsLastDay > 20 ? 2 : 0)
                + (t.HourOfDay < 5 ? 1 : 0)
                + (float)(random.NextDouble() - 0.5);
            t.Label = risk > 5 ? "decline" : risk > 2.5 ? "review" : "approve";
            yield return t;
        }
    }
}

/// <summary>One row of model input.</summary>
public sealed class Transaction
{
    public float Amount { get; set; }
    public float AccountAgeDays { get; set; }
    public float TransactionsLastDay { get; set; }
    public float HourOfDay { get; set; }
    public float IsForeign { get; set; }
    public string Label { get; set; } = string.Empty;
}

/// <summary>Only the predicted label is mapped out of the model's output.</summary>
public sealed class DecisionPrediction
{
    [ColumnName("PredictedLabel")]
    public string Decision { get; set; } = string.Empty;
}
