using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL2002")]
public class SL2002TensorShapeFromRequestTests
{
    [Fact]
    public Task ShapesFromRequest_AndUnboundedUploads_AreReported() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        public class Features { public float[] Values { get; set; } }

        public class ScoreController : ControllerBase
        {
            private readonly InferenceSession _session;
            public ScoreController(InferenceSession session) => _session = session;

            [HttpPost("dynamic")]
            public IActionResult Dynamic(Features features)
            {
                var tensor = new DenseTensor<float>(features.Values, {|#0:new[] { 1, features.Values.Length }|});
                using var results = _session.Run({|#3:new[] { NamedOnnxValue.CreateFromTensor("input", tensor) }|});
                return Ok();
            }

            [HttpPost("fixed")]
            public IActionResult Fixed(Features features)
            {
                if (features.Values.Length != 4)
                    return BadRequest();
                var tensor = new DenseTensor<float>(features.Values, new[] { 1, features.Values.Length });
                using var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", tensor) });
                return Ok();
            }

            [HttpPost("ort")]
            public IActionResult Ort([FromQuery] long batch, Features features)
            {
                using var value = OrtValue.CreateTensorValueFromMemory(new float[16], {|#1:new long[] { batch, 4 }|});
                return Ok();
            }

            [HttpPost("upload")]
            public async Task<IActionResult> Upload(IFormFile image)
            {
                using var buffer = new MemoryStream();
                await image.CopyToAsync(buffer);
                var tensor = new DenseTensor<byte>({|#2:buffer.ToArray()|}, new[] { 1, 224, 224, 3 });
                return Ok(tensor.Length);
            }

            [HttpPost("upload-checked")]
            public async Task<IActionResult> UploadChecked(IFormFile image)
            {
                if (image.Length > 224 * 224 * 3)
                    return BadRequest();
                using var buffer = new MemoryStream();
                await image.CopyToAsync(buffer);
                var tensor = new DenseTensor<byte>(buffer.ToArray(), new[] { 1, 224, 224, 3 });
                return Ok(tensor.Length);
            }
        }
        """,
        Verify.Diagnostic("SL2002").WithLocation(0).WithArguments("DenseTensor", "request parameter 'features'"),
        Verify.Diagnostic("SL2002").WithLocation(1).WithArguments("OrtValue.CreateTensorValueFromMemory", "request parameter 'batch'"),
        Verify.Diagnostic("SL2002").WithLocation(2).WithArguments("DenseTensor", "request parameter 'image'"),
        Verify.Diagnostic("SL2001").WithLocation(3).WithArguments("request parameter 'features'", "InferenceSession.Run"));
}
