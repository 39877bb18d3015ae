using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Rules.Deserialization.SL1002JsonNetTypeNameHandlingAnalyzer>;
using VerifyFix = ShiftLeft.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ShiftLeft.Analyzers.Rules.Deserialization.SL1002JsonNetTypeNameHandlingAnalyzer,
    ShiftLeft.Analyzers.CodeFixes.Rules.Deserialization.SL1002TypeNameHandlingNoneCodeFix>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL1002")]
public class SL1002JsonNetTypeNameHandlingTests
{
    [Fact]
    public Task SettingsInitializer_IsReportedAtTheValue() => Verify.VerifyAnalyzerAsync("""
        using Newtonsoft.Json;

        class Config
        {
            object Read(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings
            {
                TypeNameHandling = {|#0:TypeNameHandling.Auto|},
            });
        }
        """, Verify.Diagnostic("SL1002").WithLocation(0).WithArguments("JsonSerializerSettings.TypeNameHandling", "Auto"));

    [Fact]
    public Task PropertyAssignmentOnSettingsAndSerializer_AreReported() => Verify.VerifyAnalyzerAsync("""
        using Newtonsoft.Json;

        class Config
        {
            JsonSerializerSettings Settings()
            {
                var settings = new JsonSerializerSettings();
                settings.TypeNameHandling = {|#0:TypeNameHandling.All|};
                return settings;
            }

            JsonSerializer Serializer()
            {
                var serializer = JsonSerializer.CreateDefault();
                serializer.TypeNameHandling = {|#1:TypeNameHandling.Objects|};
                return serializer;
            }
        }
        """,
        Verify.Diagnostic("SL1002").WithLocation(0).WithArguments("JsonSerializerSettings.TypeNameHandling", "All"),
        Verify.Diagnostic("SL1002").WithLocation(1).WithArguments("JsonSerializer.TypeNameHandling", "Objects"));

    [Fact]
    public Task Attributes_AreReported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Newtonsoft.Json;

        [JsonObject(ItemTypeNameHandling = {|#0:TypeNameHandling.Auto|})]
        class Envelope
        {
            [JsonProperty(TypeNameHandling = {|#1:TypeNameHandling.Objects|})]
            public object Payload { get; set; }

            [JsonProperty(ItemTypeNameHandling = TypeNameHandling.None)]
            public List<object> Items { get; set; }
        }
        """,
        Verify.Diagnostic("SL1002").WithLocation(0).WithArguments("JsonObjectAttribute.ItemTypeNameHandling", "Auto"),
        Verify.Diagnostic("SL1002").WithLocation(1).WithArguments("JsonPropertyAttribute.TypeNameHandling", "Objects"));

    [Fact]
    public Task NonConstantValue_IsReported() => Verify.VerifyAnalyzerAsync("""
        using Newtonsoft.Json;

        class Config
        {
            JsonSerializerSettings Settings(TypeNameHandling fromConfig) => new JsonSerializerSettings { TypeNameHandling = {|#0:fromConfig|} };
        }
        """, Verify.Diagnostic("SL1002").WithLocation(0).WithArguments("JsonSerializerSettings.TypeNameHandling", "fromConfig"));

    [Fact]
    public Task NoneAndRestrictingBinder_AreSilent() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Newtonsoft.Json;
        using Newtonsoft.Json.Serialization;

        sealed class KnownTypesBinder : ISerializationBinder
        {
            public Type BindToType(string assemblyName, string typeName) => typeName == "Model" ? typeof(object) : throw new JsonSerializationException();
            public void BindToName(Type serializedType, out string assemblyName, out string typeName) { assemblyName = null; typeName = serializedType.Name; }
        }

        class Config
        {
            JsonSerializerSettings None() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };

            JsonSerializerSettings WithBinder() => new JsonSerializerSettings
            {
                TypeNameHandling = TypeNameHandling.Auto,
                SerializationBinder = new KnownTypesBinder(),
            };

            JsonSerializerSettings BinderLater()
            {
                var settings = new JsonSerializerSettings();
                settings.TypeNameHandling = TypeNameHandling.Objects;
                settings.SerializationBinder = new KnownTypesBinder();
                return settings;
            }

            T SystemTextJson<T>(string json) => System.Text.Json.JsonSerializer.Deserialize<T>(json);
        }
        """);

    [Fact]
    public Task DefaultBinder_DoesNotRestrict() => Verify.VerifyAnalyzerAsync("""
        using Newtonsoft.Json;
        using Newtonsoft.Json.Serialization;

        class Config
        {
            JsonSerializerSettings S() => new JsonSerializerSettings
            {
                TypeNameHandling = {|#0:TypeNameHandling.Auto|},
                SerializationBinder = new DefaultSerializationBinder(),
            };
        }
        """, Verify.Diagnostic("SL1002").WithLocation(0).WithArguments("JsonSerializerSettings.TypeNameHandling", "Auto"));

    [Fact]
    public Task CodeFix_SetsNone() => VerifyFix.VerifyCodeFixAsync("""
        using Newtonsoft.Json;

        class Config
        {
            JsonSerializerSettings S() => new JsonSerializerSettings { TypeNameHandling = {|#0:TypeNameHandling.Auto|} };
        }
        """, """
        using Newtonsoft.Json;

        class Config
        {
            JsonSerializerSettings S() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
        }
        """, VerifyFix.Diagnostic("SL1002").WithLocation(0).WithArguments("JsonSerializerSettings.TypeNameHandling", "Auto"));
}
