using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Rules.Deserialization.SL1005NativeExtensionPathAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL1005")]
public class SL1005NativeExtensionPathTests
{
    [Fact]
    public Task VariablePaths_AreReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.ML.OnnxRuntime;

        class Extensions
        {
            void Register(SessionOptions options, string customOpsPath, string fromMetadata)
            {
                options.RegisterCustomOpLibraryV2({|#0:customOpsPath|}, out IntPtr handle);
                var path = "/opt/ops/" + fromMetadata;
                options.RegisterCustomOpLibrary({|#1:path|});
                NativeLibrary.Load({|#2:Environment.GetEnvironmentVariable("OPS")|});
            }
        }
        """,
        Verify.Diagnostic("SL1005").WithLocation(0).WithArguments("SessionOptions.RegisterCustomOpLibraryV2"),
        Verify.Diagnostic("SL1005").WithLocation(1).WithArguments("SessionOptions.RegisterCustomOpLibrary"),
        Verify.Diagnostic("SL1005").WithLocation(2).WithArguments("NativeLibrary.Load"));

    [Fact]
    public Task ConstantAndApplicationRelativePaths_AreSilent() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using System.Runtime.InteropServices;
        using Microsoft.ML.OnnxRuntime;

        class Extensions
        {
            private const string OpsFile = "libcustom_ops.so";
            private static readonly string OpsPath = Path.Combine(AppContext.BaseDirectory, "native", OpsFile);

            void Register(SessionOptions options)
            {
                options.RegisterCustomOpLibraryV2("libortextensions.so", out IntPtr handle);
                var local = Path.Combine(AppContext.BaseDirectory, OpsFile);
                options.RegisterCustomOpLibrary(local);
                options.RegisterCustomOpLibrary(OpsPath);
                options.RegisterOrtExtensions();
                NativeLibrary.Load($"{AppContext.BaseDirectory}/{OpsFile}");
            }
        }
        """);

    [Fact]
    public Task LocalReassignedFromVariable_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using Microsoft.ML.OnnxRuntime;

        class Extensions
        {
            void Register(SessionOptions options, string overridePath)
            {
                var path = Path.Combine(AppContext.BaseDirectory, "ops.so");
                if (overridePath != null)
                    path = overridePath;
                options.RegisterCustomOpLibrary({|#0:path|});
            }
        }
        """, Verify.Diagnostic("SL1005").WithLocation(0).WithArguments("SessionOptions.RegisterCustomOpLibrary"));
}
