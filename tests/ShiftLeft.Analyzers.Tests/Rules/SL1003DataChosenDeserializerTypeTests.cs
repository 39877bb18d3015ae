using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL1003")]
public class SL1003DataChosenDeserializerTypeTests
{
    [Fact]
    public Task XmlSerializerWithTypeFromText_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using System.Xml.Serialization;

        class MessageReader
        {
            object Read(string typeName, Stream body)
            {
                var type = Type.GetType(typeName);
                var serializer = new XmlSerializer({|#0:type|});
                return serializer.Deserialize(body);
            }
        }
        """, Verify.Diagnostic("SL1003").WithLocation(0).WithArguments("XmlSerializer", "'Type.GetType' of non-constant text"));

    [Fact]
    public Task SystemTextJsonAndDataContract_AreReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using System.Reflection;
        using System.Runtime.Serialization;
        using System.Text.Json;

        class MessageReader
        {
            object Json(string json, string name) => JsonSerializer.Deserialize(json, {|#0:Type.GetType(name, throwOnError: true)|});

            object Contract(Stream body, Assembly plugins, string name)
            {
                var type = plugins.GetType(name);
                return new DataContractSerializer({|#1:type|}).ReadObject(body);
            }
        }
        """,
        Verify.Diagnostic("SL1003").WithLocation(0).WithArguments("JsonSerializer.Deserialize", "'Type.GetType' of non-constant text"),
        Verify.Diagnostic("SL1003").WithLocation(1).WithArguments("DataContractSerializer", "'Assembly.GetType' of non-constant text"));

    [Fact]
    public Task FixedTypes_AreSilent() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using System.Xml.Serialization;

        public class Model { public string Name { get; set; } }

        class MessageReader
        {
            object Read(Stream body) => new XmlSerializer(typeof(Model)).Deserialize(body);

            object ReadNamed(Stream body) => new XmlSerializer(Type.GetType("Model")).Deserialize(body);

            object ReadJson(string json) => System.Text.Json.JsonSerializer.Deserialize(json, typeof(Model));
        }
        """);
}
