using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL1006")]
public class SL1006ModelFetchedOverHttpTests
{
    [Fact]
    public Task PlainHttpModelDownload_IsReportedAtTheUrl_EvenWhenVerified() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;

        class ModelStore
        {
            private const string ModelUrl = {|#0:"http://models.contoso.com/classifier.onnx"|};

            async Task<InferenceSession> LoadAsync(HttpClient http)
            {
                var bytes = await http.GetByteArrayAsync(ModelUrl);
                VerifyModelSignature(bytes);
                return new InferenceSession(bytes);
            }

            async Task<InferenceSession> ViaUri(HttpClient http)
            {
                var uri = new Uri({|#1:"http://models.contoso.com/other.onnx"|});
                var bytes = await http.GetByteArrayAsync(uri);
                return new InferenceSession({|#2:bytes|});
            }

            static void VerifyModelSignature(byte[] model) { }
        }
        """,
        Verify.Diagnostic("SL1006").WithLocation(0).WithArguments("InferenceSession", "http://models.contoso.com/classifier.onnx"),
        Verify.Diagnostic("SL1006").WithLocation(1).WithArguments("InferenceSession", "http://models.contoso.com/other.onnx"),
        Verify.Diagnostic("SL1004").WithLocation(2).WithArguments("InferenceSession", "the network ('HttpClient.GetByteArrayAsync')"));

    [Fact]
    public Task HttpsLoopbackAndNonModelDownloads_AreSilent() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;

        class ModelStore
        {
            async Task<InferenceSession> Https(HttpClient http)
            {
                var bytes = await http.GetByteArrayAsync("https://models.contoso.com/classifier.onnx");
                VerifyModelSignature(bytes);
                return new InferenceSession(bytes);
            }

            async Task<InferenceSession> Loopback(HttpClient http)
            {
                var bytes = await http.GetByteArrayAsync("http://localhost:5000/classifier.onnx");
                VerifyModelSignature(bytes);
                return new InferenceSession(bytes);
            }

            Task<string> NotAModel(HttpClient http) => http.GetStringAsync("http://status.contoso.com/ping");

            static void VerifyModelSignature(byte[] model) { }
        }
        """);
}
