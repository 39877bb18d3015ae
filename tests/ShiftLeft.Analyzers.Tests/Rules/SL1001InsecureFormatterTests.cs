using ShiftLeft.Analyzers.Rules.Deserialization;
using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Rules.Deserialization.SL1001InsecureFormatterAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL1001")]
public class SL1001InsecureFormatterTests
{
    [Fact]
    public Task BinaryFormatterCreatedAndUsed_IsReportedOnceAtTheCreation() => Verify.VerifyAnalyzerAsync("""
        #pragma warning disable SYSLIB0011
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        class ModelCache
        {
            object Load(Stream stream)
            {
                var formatter = {|#0:new BinaryFormatter()|};
                return formatter.Deserialize(stream);
            }
        }
        """, Verify.Diagnostic("SL1001").WithLocation(0).WithArguments("BinaryFormatter"));

    [Fact]
    public Task FormatterFromElsewhere_IsReportedAtDeserialize() => Verify.VerifyAnalyzerAsync("""
        #pragma warning disable SYSLIB0011
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        class ModelCache
        {
            object Load(BinaryFormatter formatter, Stream stream) => formatter.{|#0:Deserialize|}(stream);
        }
        """, Verify.Diagnostic("SL1001").WithLocation(0).WithArguments("BinaryFormatter"));

    [Fact]
    public Task FieldInitializer_IsReported() => Verify.VerifyAnalyzerAsync("""
        #pragma warning disable SYSLIB0011
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        class ModelCache
        {
            private readonly BinaryFormatter _formatter = {|#0:new BinaryFormatter()|};
            object Load(Stream stream) => _formatter.Deserialize(stream);
        }
        """, Verify.Diagnostic("SL1001").WithLocation(0).WithArguments("BinaryFormatter"));

    [Fact]
    public Task SystemTextJsonAndBinaryReader_AreSilent() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Text.Json;

        record Weights(float[] Values);

        class ModelCache
        {
            Weights Load(Stream stream) => JsonSerializer.Deserialize<Weights>(stream)!;

            float[] ReadRaw(Stream stream)
            {
                using var reader = new BinaryReader(stream);
                var count = reader.ReadInt32();
                var values = new float[count];
                for (var i = 0; i < count; i++)
                    values[i] = reader.ReadSingle();
                return values;
            }
        }
        """);

    [Fact]
    public Task NetFrameworkOnlyFormatter_IsReportedWhenItsTypeExists() => Verify.VerifyAnalyzerAsync("""
        // SoapFormatter exists only on .NET Framework; this declares it under its real metadata name
        // to show the rule keys on the metadata name, not on the simple name.
        namespace System.Runtime.Serialization.Formatters.Soap
        {
            public sealed class SoapFormatter { public object Deserialize(System.IO.Stream s) => null; }
        }

        class Legacy
        {
            object Load(System.IO.Stream s) => {|#0:new System.Runtime.Serialization.Formatters.Soap.SoapFormatter()|}.Deserialize(s);
        }

        class SoapFormatter { public object Deserialize(System.IO.Stream s) => null; }

        class NotTheRealOne
        {
            object Load(System.IO.Stream s) => new SoapFormatter().Deserialize(s);
        }
        """, Verify.Diagnostic("SL1001").WithLocation(0).WithArguments("SoapFormatter"));
}
