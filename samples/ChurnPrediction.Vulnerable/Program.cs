// ChurnPrediction.Vulnerable: the churn service with the mistakes ShiftLeft exists to catch.
// The credentials below are fake: structurally valid so that the analyzers recognise them, revoked nowhere.
using System.Net;
using System.Net.Http.Headers;
using Microsoft.ML;
using Microsoft.ML.Data;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
var mlContext = new MLContext();

// The model is fetched from the model hub at start-up and loaded as downloaded: no signature, no digest.
using var hub = new HttpClient();
hub.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "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"); // expect: SL3001
var model = await hub.GetStreamAsync("https://huggingface.co/contoso/churn/resolve/main/churn.zip");
var transformer = mlContext.Model.Load(model, out _); // expect: SL1004
var engine = mlContext.Model.CreatePredictionEngine<CustomerFeatures, ChurnScore>(transformer);

// Whatever the caller sends is scored: negative tenure, NaN charges, a thousand tickets.
app.MapPost("/churn", (CustomerFeatures customer) =>
{
    var prediction = engine.Predict(customer); // expect: SL2001
    return Results.Ok(new { prediction.WillChurn });
});

// Batch scoring hands out every customer's raw probability: a ready-made training set for a copy of the model.
app.MapPost("/churn/batch", (CustomerFeatures[] customers) =>
{
    var scored = transformer.Transform(mlContext.Data.LoadFromEnumerable(customers)); // expect: SL2001
    var probabilities = scored.GetColumn<float>("Probability").ToArray();
    return Results.Ok(probabilities); // expect: SL2006
});

app.Run();

public sealed class CustomerFeatures
{
    public float TenureMonths { get; set; }

    public float MonthlyCharges { get; set; }

    public float SupportTickets { get; set; }

    public float ContractType { get; set; }

    public float MonthlyUsageHours { get; set; }
}

public sealed class ChurnScore
{
    [ColumnName("PredictedLabel")]
    public bool WillChurn { get; set; }

    public float Probability { get; set; }
}

/// <summary>Nightly export of the scores to the CRM's file share, with the service account's password in the code.</summary>
public static class ScoreExport
{
    public static NetworkCredential Credential() => new("svc-churn-export", "Churn-Export-2026!"); // expect: SL3002
}
