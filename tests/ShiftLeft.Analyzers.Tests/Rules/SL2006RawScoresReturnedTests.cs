using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL2006")]
public class SL2006RawScoresReturnedTests
{
    private const string FromPredict = "the model output of 'PredictionEngine.Predict'";

    [Fact]
    public Task ScoreVectors_ReturnedFromActions_AreReported_LabelsAreNot() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.Linq;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML;

        public class Input { [StringLength(1000)] public string Text { get; set; } }
        public class Output { public string PredictedLabel { get; set; } public float[] Score { get; set; } }

        [ApiController, Route("classify")]
        public class ClassifyController : ControllerBase
        {
            private readonly PredictionEngine<Input, Output> _engine;
            public ClassifyController(PredictionEngine<Input, Output> engine) => _engine = engine;

            [HttpPost("scores")]
            public float[] Scores(Input input) => {|#0:_engine.Predict(input).Score|};

            [HttpPost("whole")]
            public IActionResult Whole(Input input) => Ok({|#1:_engine.Predict(input)|});

            [HttpPost("anonymous")]
            public IActionResult Anonymous(Input input)
            {
                var p = _engine.Predict(input);
                return Ok({|#2:new { label = p.PredictedLabel, scores = p.Score }|});
            }

            [HttpPost("label")]
            public IActionResult Label(Input input) => Ok(_engine.Predict(input).PredictedLabel);

            [HttpPost("top1")]
            public IActionResult Top1(Input input)
            {
                var p = _engine.Predict(input);
                return Ok(new { label = p.PredictedLabel, confidence = Math.Round(p.Score.Max(), 2) });
            }

            [NonAction]
            public float[] Internal(Input input) => _engine.Predict(input).Score;
        }
        """,
        Verify.Diagnostic("SL2006").WithLocation(0).WithArguments("the HTTP response", FromPredict),
        Verify.Diagnostic("SL2006").WithLocation(1).WithArguments("Ok", FromPredict),
        Verify.Diagnostic("SL2006").WithLocation(2).WithArguments("Ok", FromPredict));

    [Fact]
    public Task MinimalApiAndOnnxOutputs_AreReported() => Verify.VerifyProgramAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        var app = WebApplication.Create(args);
        var session = new InferenceSession("model.onnx");
        app.MapGet("/probabilities", () =>
        {
            var input = new DenseTensor<float>(new float[4], new[] { 1, 4 });
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", input) });
            var probabilities = results.First().AsEnumerable<float>().ToArray();
            return Results.Ok({|#0:probabilities|});
        });
        app.MapGet("/argmax", () =>
        {
            var input = new DenseTensor<float>(new float[4], new[] { 1, 4 });
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", input) });
            var probabilities = results.First().AsEnumerable<float>().ToArray();
            return Results.Ok(System.Array.IndexOf(probabilities, probabilities.Max()));
        });
        app.Run();
        """, Verify.Diagnostic("SL2006").WithLocation(0).WithArguments("Results.Ok", "the model output of 'InferenceSession.Run'"));
}
