// ModelGateway.Vulnerable: the same gateway with the mistakes ShiftLeft exists to catch.
using System.Runtime.Serialization.Formatters.Binary;
using System.Xml.Serialization;
using Microsoft.ML.OnnxRuntime;
using Newtonsoft.Json;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// A model chosen by the caller.
app.MapGet("/models/{name}/inputs", (string name) =>
{
    using var session = new InferenceSession(Path.Combine("/srv/models", name)); // expect: SL1004
    return Results.Ok(session.InputMetadata.Keys);
});

// A model downloaded at start-up, over cleartext, and never verified.
app.MapPost("/reload", async (IHttpClientFactory factory) =>
{
    var http = factory.CreateClient();
    var bytes = await http.GetByteArrayAsync(ModelSource.Url);
    using var session = new InferenceSession(bytes); // expect: SL1004
    return Results.Ok(session.OutputMetadata.Count);
});

// Request metadata decides which type the XML body becomes.
app.MapPost("/import", (HttpRequest request) =>
{
    var type = Type.GetType(request.Headers["X-Payload-Type"].ToString());
    return Results.Ok(new XmlSerializer(type).Deserialize(request.Body)); // expect: SL1003
});

app.Run();

static class ModelSource
{
    public const string Url = "http://models.contoso.example/scorer.onnx"; // expect: SL1006
}

public static class FeatureCache
{
    public static object Read(Stream stream) => new BinaryFormatter().Deserialize(stream); // expect: SL1001

    public static JsonSerializerSettings Settings() => new() { TypeNameHandling = TypeNameHandling.Auto }; // expect: SL1002

    public static void RegisterOps(Microsoft.ML.OnnxRuntime.SessionOptions options, IConfiguration configuration) =>
        options.RegisterCustomOpLibraryV2(configuration["CustomOps:Path"]!, out _); // expect: SL1005
}
