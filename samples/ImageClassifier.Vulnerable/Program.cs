// ImageClassifier.Vulnerable: the image classifier with the mistakes ShiftLeft exists to catch.
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// The caller picks the model file: any ONNX graph on the disk (or reachable by "../") gets loaded.
app.MapPost("/models/{name}/classify", async (string name, IFormFile image) =>
{
    using var session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, "models", name)); // expect: SL1004

    // The whole upload, however large, is copied into the tensor's data.
    using var buffer = new MemoryStream();
    await image.CopyToAsync(buffer);
    var input = new DenseTensor<byte>(buffer.ToArray(), new[] { 1, 1, 8, 8 }); // expect: SL2002
    using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("image", input) }); // expect: SL2001

    // The full probability vector goes back to the caller.
    var probabilities = results.First(r => r.Name == "probabilities").AsEnumerable<float>().ToArray();
    return Results.Ok(new { probabilities }); // expect: SL2006
}).DisableAntiforgery();

// Pixels from the JSON body go straight to the model: no count, no range, no NaN check.
app.MapPost("/classify", (PixelRequest request, InferenceSession session) =>
{
    var input = new DenseTensor<float>(request.Pixels, new[] { 1, 1, 8, 8 });
    using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("image", input) }); // expect: SL2001
    return Results.Ok(new { label = results.First(r => r.Name == "label").AsEnumerable<long>().Single() });
});

app.Run();

public sealed record PixelRequest(float[] Pixels);
