// ModelGateway: an ONNX scoring API written the way ShiftLeft wants it. Builds with zero ShiftLeft findings.
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Newtonsoft.Json;

var builder = WebApplication.CreateBuilder(args);

// The model ships with the application and is loaded from an application-relative path.
builder.Services.AddSingleton(_ => new InferenceSession(Path.Combine(AppContext.BaseDirectory, "models", "scorer.onnx")));
builder.Services.AddHttpClient();
builder.Services.AddSingleton<ModelUpdater>();

var app = builder.Build();

app.MapPost("/score", (ScoreRequest request, InferenceSession session) =>
{
    if (request.Features is null || request.Features.Length != 4 || !request.Features.All(float.IsFinite))
        return Results.BadRequest("expected 4 finite features");
    var input = new DenseTensor<float>(request.Features, new[] { 1, 4 });
    using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", input) });
    var label = results.First().AsEnumerable<long>().First();
    return Results.Ok(new { label }); // a decision, not the score vector
});

app.Run();

public sealed record ScoreRequest(float[]? Features);

/// <summary>Downloads model updates over HTTPS and checks a pinned digest before loading them.</summary>
public sealed class ModelUpdater(IHttpClientFactory? factory = null)
{
    private static readonly byte[] PinnedDigest = Convert.FromHexString("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    public async Task<InferenceSession> DownloadAsync(CancellationToken cancellationToken)
    {
        using var http = factory?.CreateClient() ?? new HttpClient();
        var model = await http.GetByteArrayAsync("https://models.contoso.example/scorer.onnx", cancellationToken);
        VerifyModelDigest(model);
        return new InferenceSession(model);
    }

    private static void VerifyModelDigest(byte[] model)
    {
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(model), PinnedDigest))
            throw new InvalidDataException("model digest does not match the pinned value");
    }

    public static T? ReadSettings<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });
}
