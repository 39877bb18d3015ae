// FraudScoring.Vulnerable: the same fraud model behind an API that hands out what an attacker needs to copy
// or evade it: unvalidated inputs, the full score vector, no rate limit, and a caller-chosen model file.
using Microsoft.ML;
using Microsoft.ML.Data;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(new MLContext(seed: 7));
builder.Services.AddSingleton<FraudModel>();

var app = builder.Build();

// Any request reaches the model, and the answer is every class's score.
app.MapPost("/fraud/score", (Transaction transaction, FraudModel model) =>
{
    var prediction = model.Engine.Predict(transaction); // expect: SL2001
    return Results.Ok(new { prediction.Decision, scores = prediction.Score }); // expect: SL2006
});

// The caller picks the model file.
app.MapPost("/fraud/models/{name}/activate", (string name, MLContext ml, FraudModel model) =>
{
    var loaded = ml.Model.Load(Path.Combine("/srv/models", name), out _); // expect: SL1004
    model.Engine = ml.Model.CreatePredictionEngine<Transaction, ScoredTransaction>(loaded);
    return Results.NoContent();
});

app.Run();

public sealed class FraudModel
{
    public FraudModel(MLContext ml)
    {
        var random = new Random(42);
        var rows = Enumerable.Range(0, 500).Select(_ =>
        {
            var amount = (float)Math.Exp(random.NextDouble() * 9);
            var foreign = random.NextDouble() < 0.2 ? 1f : 0f;
            var risk = amount / 1_000f * (1 + foreign);
            return new Transaction { Amount = amount, IsForeign = foreign, Label = risk > 5 ? "decline" : risk > 2.5 ? "review" : "approve" };
        });
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Transaction.Label))
            .Append(ml.Transforms.Concatenate("Features", nameof(Transaction.Amount), nameof(Transaction.IsForeign)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        Engine = ml.Model.CreatePredictionEngine<Transaction, ScoredTransaction>(pipeline.Fit(ml.Data.LoadFromEnumerable(rows)));
    }

    public PredictionEngine<Transaction, ScoredTransaction> Engine { get; set; }
}

public sealed class Transaction
{
    public float Amount { get; set; }
    public float IsForeign { get; set; }
    public string Label { get; set; } = string.Empty;
}

public sealed class ScoredTransaction
{
    [ColumnName("PredictedLabel")]
    public string Decision { get; set; } = string.Empty;

    public float[] Score { get; set; } = [];
}
