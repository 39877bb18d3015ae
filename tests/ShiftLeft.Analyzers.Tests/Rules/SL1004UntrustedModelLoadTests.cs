using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL1004")]
public class SL1004UntrustedModelLoadTests
{
    private const string FromNetwork = "the network ('HttpClient.GetByteArrayAsync')";

    [Fact]
    public Task DownloadedBytes_ToInferenceSession_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;

        class ModelStore
        {
            private readonly HttpClient _http = new HttpClient();

            async Task<InferenceSession> LoadAsync(string url)
            {
                var bytes = await _http.GetByteArrayAsync(url);
                return new InferenceSession({|#0:bytes|});
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("InferenceSession", FromNetwork));

    [Fact]
    public Task DownloadedStream_ToMlNetModelLoad_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML;

        class ModelStore
        {
            async Task<ITransformer> LoadAsync(HttpClient http, MLContext ml)
            {
                using var response = await http.GetAsync("https://models.contoso.com/churn.zip");
                using var stream = await response.Content.ReadAsStreamAsync();
                var buffered = new MemoryStream();
                await stream.CopyToAsync(buffered);
                return ml.Model.Load({|#0:buffered|}, out DataViewSchema schema);
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("MLContext.Model.Load", "the network ('HttpClient.GetAsync')"));

    [Fact]
    public Task DownloadedToTempFile_ToTorchJitLoad_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using TorchSharp;

        class ModelStore
        {
            async Task<torch.jit.ScriptModule> LoadAsync(HttpClient http, string url)
            {
                var bytes = await http.GetByteArrayAsync(url);
                var path = Path.GetTempFileName();
                await File.WriteAllBytesAsync(path, bytes);
                return torch.jit.load({|#0:path|});
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("torch.jit.load", FromNetwork));

    [Fact]
    public Task StreamCopiedIntoFileStream_ThenLoadedByPath_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;

        class ModelStore
        {
            async Task<InferenceSession> LoadAsync(HttpClient http)
            {
                var path = Path.Combine(Path.GetTempPath(), "model.onnx");
                using (var remote = await http.GetStreamAsync("https://models.contoso.com/m.onnx"))
                using (var file = File.Create(path))
                {
                    await remote.CopyToAsync(file);
                }

                return new InferenceSession({|#0:path|});
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("InferenceSession", "the network ('HttpClient.GetStreamAsync')"));

    [Fact]
    public Task WebClientDownloadFile_IsReported() => Verify.VerifyAnalyzerAsync("""
        #pragma warning disable SYSLIB0014
        using System.Net;
        using Microsoft.ML;

        class ModelStore
        {
            ITransformer Load(MLContext ml)
            {
                const string target = "model.zip";
                var path = target;
                new WebClient().DownloadFile("https://models.contoso.com/churn.zip", path);
                return ml.Model.Load({|#0:path|}, out _);
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("MLContext.Model.Load", "the network ('WebClient.DownloadFile')"));

    [Fact]
    public Task ControllerActionParameter_InModelPath_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML.OnnxRuntime;

        [ApiController]
        [Route("models")]
        public class ModelsController : ControllerBase
        {
            [HttpPost("{name}/load")]
            public IActionResult Load(string name)
            {
                var path = Path.Combine("/srv/models", name + ".onnx");
                using var session = new InferenceSession({|#0:path|});
                return Ok(session.InputMetadata.Count);
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("InferenceSession", "request parameter 'name'"));

    [Fact]
    public Task UploadedFile_ToInferenceSession_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML.OnnxRuntime;

        public class UploadController : ControllerBase
        {
            [HttpPost]
            public IActionResult Upload(IFormFile model)
            {
                using var buffer = new MemoryStream();
                model.CopyTo(buffer);
                using var session = new InferenceSession({|#0:buffer.ToArray()|});
                return Ok();
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("InferenceSession", "request parameter 'model'"));

    [Fact]
    public Task MinimalApiLambdaParameter_IsReported() => Verify.VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.ML.OnnxRuntime;

        var app = WebApplication.Create(args);
        app.MapGet("/models/{file}", (string file) =>
        {
            using var session = new InferenceSession({|#0:"/srv/models/" + file|});
            return Results.Ok(session.OutputMetadata.Count);
        });
        app.Run();
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("InferenceSession", "request parameter 'file'"));

    [Fact]
    public Task MinimalApiMethodGroupHandler_IsReported() => Verify.VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.ML.OnnxRuntime;

        var app = WebApplication.Create(args);
        app.MapPost("/load", Handlers.Load);
        app.Run();

        static class Handlers
        {
            public static IResult Load(string path)
            {
                using var session = new InferenceSession({|#0:path|});
                return Results.Ok();
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("InferenceSession", "request parameter 'path'"));

    [Fact]
    public Task HelperMethods_AreFollowedBothWays() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;

        class ModelStore
        {
            private readonly HttpClient _http = new HttpClient();

            private Task<byte[]> FetchAsync(string url) => _http.GetByteArrayAsync(url);

            private static InferenceSession Open(byte[] model) => new InferenceSession(model);

            async Task<InferenceSession> LoadAsync(string url)
            {
                var bytes = await FetchAsync(url);
                return Open({|#0:bytes|});
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("InferenceSession' through 'Open", FromNetwork));

    [Fact]
    public Task ConstantAndAppRelativePaths_AreSilent() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.ML;
        using Microsoft.ML.OnnxRuntime;
        using TorchSharp;

        class ModelStore
        {
            InferenceSession Onnx() => new InferenceSession("models/classifier.onnx");

            ITransformer MlNet(MLContext ml) => ml.Model.Load(Path.Combine(AppContext.BaseDirectory, "churn.zip"), out _);

            torch.jit.ScriptModule Torch(IWebHostEnvironment env) => torch.jit.load(Path.Combine(env.ContentRootPath, "model.pt"));

            float[] Weights()
            {
                using var reader = new BinaryReader(File.OpenRead("weights.bin"));
                return new[] { reader.ReadSingle() };
            }
        }
        """);

    [Fact]
    public Task VerifiedBeforeLoading_IsSilent_ButVerifiedOnOnePathOnly_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;

        static class ModelIntegrity
        {
            public static void VerifySignature(byte[] model, string signatureUrl) { }
        }

        class ModelStore
        {
            private readonly HttpClient _http = new HttpClient();

            async Task<InferenceSession> Verified(string url)
            {
                var bytes = await _http.GetByteArrayAsync(url);
                ModelIntegrity.VerifySignature(bytes, url + ".sig");
                return new InferenceSession(bytes);
            }

            async Task<InferenceSession> SometimesVerified(string url, bool strict)
            {
                var bytes = await _http.GetByteArrayAsync(url);
                if (strict)
                    ModelIntegrity.VerifySignature(bytes, url + ".sig");
                return new InferenceSession({|#0:bytes|});
            }
        }
        """, Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("InferenceSession", FromNetwork));

    [Fact]
    public Task HelperThatVerifiesItsArgument_Sanitizes() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Security.Cryptography;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;

        class ModelStore
        {
            private static readonly byte[] Pinned = new byte[32];
            private readonly HttpClient _http = new HttpClient();

            private static void EnsurePinned(byte[] model)
            {
                if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(model), Pinned))
                    throw new System.Security.SecurityException("model digest mismatch");
                Checked(model);
            }

            private static void Checked(byte[] model) { }

            async Task<InferenceSession> LoadAsync(string url)
            {
                var bytes = await _http.GetByteArrayAsync(url);
                EnsurePinned(bytes);
                return new InferenceSession(bytes);
            }
        }
        """, "shiftleft.SL1004.verifier_methods = ModelStore.Checked");

    [Fact]
    public Task ConfiguredVerifier_Sanitizes_AndUnconfiguredDoesNot() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;

        static class Gate { public static void Check(byte[] b) { } public static void Other(byte[] b) { } }

        class ModelStore
        {
            async Task<InferenceSession> A(HttpClient http, string url)
            {
                var bytes = await http.GetByteArrayAsync(url);
                Gate.Check(bytes);
                return new InferenceSession(bytes);
            }

            async Task<InferenceSession> B(HttpClient http, string url)
            {
                var bytes = await http.GetByteArrayAsync(url);
                Gate.Other(bytes);
                return new InferenceSession({|#0:bytes|});
            }
        }
        """, "shiftleft.SL1004.verifier_methods = Gate.Check", Verify.Diagnostic("SL1004").WithLocation(0).WithArguments("InferenceSession", FromNetwork));

    [Fact]
    public Task NonEndpointParameters_AreNotRequestData() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML.OnnxRuntime;

        public class ModelsController : ControllerBase
        {
            [NonAction]
            public InferenceSession Open(string path) => new InferenceSession(path);

            private InferenceSession OpenPrivate(string path) => new InferenceSession(path);
        }

        class Worker
        {
            public InferenceSession Open(string path) => new InferenceSession(path);
        }
        """);
}
