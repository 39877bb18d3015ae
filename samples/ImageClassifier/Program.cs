// ImageClassifier: an ONNX image classifier API written the way ShiftLeft wants it. Builds with zero
// ShiftLeft findings; `dotnet publish` verifies the shipped model's signature.
//
//   curl -F image=@digit.raw http://localhost:5000/classify      (64 bytes: 8x8 8-bit grayscale, row-major)
using Microsoft.AspNetCore.Http.Features;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

var builder = WebApplication.CreateBuilder(args);

// Bound every request body before ASP.NET Core buffers it, not only the image.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ImageLimits.MaxUploadBytes);
builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = ImageLimits.MaxUploadBytes);

// The model ships with the application (signed by its producer, verified at publish) and is loaded from
// an application-relative path, never from a caller-chosen one.
builder.Services.AddSingleton(_ => new InferenceSession(Path.Combine(AppContext.BaseDirectory, "models", "classifier.onnx")));

var app = builder.Build();

app.MapGet("/labels", () => Results.Ok(ImageLimits.Labels));

app.MapPost("/classify", async (IFormFile image, InferenceSession session, CancellationToken cancellationToken) =>
{
    if (image.Length > ImageLimits.MaxUploadBytes)
        return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
    if (image.Length != ImageLimits.Pixels)
        return Results.BadRequest($"expected {ImageLimits.Width}x{ImageLimits.Height} 8-bit grayscale pixels ({ImageLimits.Pixels} bytes)");

    var pixels = new byte[ImageLimits.Pixels];
    await using (var stream = image.OpenReadStream())
        await stream.ReadExactlyAsync(pixels, cancellationToken);

    // The model's fixed input shape, filled with the checked pixels scaled to [0, 1].
    var input = new DenseTensor<float>(new[] { 1, 1, ImageLimits.Height, ImageLimits.Width });
    for (var i = 0; i < pixels.Length; i++)
        input[0, 0, i / ImageLimits.Width, i % ImageLimits.Width] = pixels[i] / 255f;

    using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("image", input) });
    var index = results.First(r => r.Name == "label").AsEnumerable<long>().Single();
    return Results.Ok(new { label = ImageLimits.Labels[(int)index] }); // the decision, not the probability vector
}).DisableAntiforgery();

app.Run();

internal static class ImageLimits
{
    public const int Width = 8;
    public const int Height = 8;
    public const int Pixels = Width * Height;
    public const long MaxUploadBytes = 64 * 1024;
    public static readonly string[] Labels = ["dark", "bright", "checkered"];
}
