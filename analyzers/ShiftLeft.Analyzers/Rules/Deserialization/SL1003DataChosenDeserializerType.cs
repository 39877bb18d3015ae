using System.Collections.Immutable;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.Deserialization
{
    /// <summary>SL1003: the target type of a serializer comes from <c>Type.GetType</c> /
    /// <c>Assembly.GetType</c> of non-constant text.</summary>
    internal static class SL1003DataChosenDeserializerType
    {
        public static ImmutableArray<SourceDefinition> Sources { get; } = ImmutableArray.Create(
            new SourceDefinition(new MemberRef(TypeNames.Type, "GetType"), TaintKind.DataChosenType, "'Type.GetType' of non-constant text", requiresNonConstantArgument: true),
            new SourceDefinition(new MemberRef(TypeNames.Assembly, "GetType"), TaintKind.DataChosenType, "'Assembly.GetType' of non-constant text", requiresNonConstantArgument: true));

        public static ImmutableArray<SinkDefinition> Sinks { get; } = ImmutableArray.Create(
            new SinkDefinition(new MemberRef(TypeNames.XmlSerializer, ".ctor"), "XmlSerializer", parameterTypeMetadataName: TypeNames.Type),
            new SinkDefinition(new MemberRef(TypeNames.DataContractSerializer, ".ctor"), "DataContractSerializer", parameterTypeMetadataName: TypeNames.Type),
            new SinkDefinition(new MemberRef(TypeNames.DataContractJsonSerializer, ".ctor"), "DataContractJsonSerializer", parameterTypeMetadataName: TypeNames.Type),
            new SinkDefinition(new MemberRef(TypeNames.SystemTextJsonSerializer, "Deserialize"), "JsonSerializer.Deserialize", parameterTypeMetadataName: TypeNames.Type),
            new SinkDefinition(new MemberRef(TypeNames.SystemTextJsonSerializer, "DeserializeAsync"), "JsonSerializer.DeserializeAsync", parameterTypeMetadataName: TypeNames.Type),
            new SinkDefinition(new MemberRef(TypeNames.JsonNetConvert, "DeserializeObject"), "JsonConvert.DeserializeObject", parameterTypeMetadataName: TypeNames.Type),
            new SinkDefinition(new MemberRef(TypeNames.JsonNetSerializer, "Deserialize"), "JsonSerializer.Deserialize", parameterTypeMetadataName: TypeNames.Type));

        public static FlowRule Rule { get; } = new FlowRule(
            Descriptors.SL1003DataChosenDeserializerType,
            TaintKind.DataChosenType,
            SanitizerGroups.AllowListed,
            Sinks,
            hit => new object[] { hit.SinkDisplay, hit.SourceDescription },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.AllowListed);
    }
}
