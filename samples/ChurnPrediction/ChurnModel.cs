using System.Security.Cryptography;
using Microsoft.ML;

namespace ChurnPrediction;

/// <summary>The churn model shipped with the service, checked against its pinned digest before loading.</summary>
public sealed class ChurnModel : IDisposable
{
    private readonly MLContext _mlContext = new(seed: 1);
    private readonly PredictionEngine<CustomerFeatures, ChurnPrediction> _engine;
    private readonly Lock _gate = new(); // PredictionEngine is not thread-safe

    private ChurnModel(byte[] model)
    {
        VerifyModelDigest(model);
        using var stream = new MemoryStream(model, writable: false);
        var transformer = _mlContext.Model.Load(stream, out _);
        _engine = _mlContext.Model.CreatePredictionEngine<CustomerFeatures, ChurnPrediction>(transformer);
    }

    public static ChurnModel LoadShipped() =>
        new(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", "churn.zip")));

    public ChurnPrediction Predict(CustomerFeatures customer)
    {
        lock (_gate)
            return _engine.Predict(customer);
    }

    /// <summary>SHA-256 of the committed models/churn.zip; Training prints it when it writes a new model.</summary>
    private static readonly byte[] PinnedDigest = Convert.FromHexString("20e31dc19f8b4d05a9dacde6c37a6f46a003cf60007bcc02c6b96479b29484a2");

    private static void VerifyModelDigest(byte[] model)
    {
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(model), PinnedDigest))
            throw new InvalidDataException("models/churn.zip does not match its pinned digest; refusing to load it");
    }

    public void Dispose() => _engine.Dispose();
}
