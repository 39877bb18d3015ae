using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.ModelInputAndLlm
{
    /// <summary>SL2004: what a language model returned is used as a command, SQL, a path, a type or
    /// assembly name, raw HTML, a redirect target, or polymorphic JSON, without an allow-list check.</summary>
    internal static class SL2004LlmOutputToDangerousSink
    {
        private static readonly string[] FileMethods =
        {
            "ReadAllText", "ReadAllTextAsync", "ReadAllBytes", "ReadAllBytesAsync", "ReadAllLines", "ReadAllLinesAsync", "ReadLines",
            "WriteAllText", "WriteAllTextAsync", "WriteAllBytes", "WriteAllBytesAsync", "WriteAllLines", "WriteAllLinesAsync",
            "AppendAllText", "AppendAllTextAsync", "AppendAllLines", "AppendAllLinesAsync", "Delete", "Copy", "Move", "Replace",
            "Open", "OpenRead", "OpenWrite", "OpenText", "Create", "CreateText", "AppendText",
        };

        private static readonly string[] DirectoryMethods = { "Delete", "CreateDirectory", "Move", "GetFiles", "EnumerateFiles", "GetDirectories", "EnumerateDirectories" };

        private static bool IsPathParameter(Microsoft.CodeAnalysis.IParameterSymbol p) =>
            p.Type.SpecialType == Microsoft.CodeAnalysis.SpecialType.System_String &&
            (p.Name is "path" or "sourceFileName" or "destFileName" or "destinationFileName" or "destinationBackupFileName" or "sourceDirName" or "destDirName");

        private static bool IsHtmlContentType(SinkCall call) =>
            call.Argument("contentType")?.ConstantValue.Value is string type && type.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0;

        public static ImmutableArray<SinkDefinition> Sinks { get; } = Build();

        private static ImmutableArray<SinkDefinition> Build()
        {
            var b = ImmutableArray.CreateBuilder<SinkDefinition>();
            b.Add(new SinkDefinition(new MemberRef(TypeNames.Process, "Start"), "Process.Start", parameterFilter: p => p.Name is "fileName" or "arguments" or "startInfo"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.ProcessStartInfo, ".ctor"), "ProcessStartInfo", parameterFilter: p => p.Name is "fileName" or "arguments"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.ProcessStartInfo, "FileName"), "ProcessStartInfo.FileName"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.ProcessStartInfo, "Arguments"), "ProcessStartInfo.Arguments"));

            b.Add(new SinkDefinition(new MemberRef(TypeNames.DbCommand, "CommandText"), "DbCommand.CommandText"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.IDbCommand, "CommandText"), "IDbCommand.CommandText"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.SqlCommand, ".ctor"), "SqlCommand", parameterFilter: p => p.Name == "cmdText"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.LegacySqlCommand, ".ctor"), "SqlCommand", parameterFilter: p => p.Name == "cmdText"));
            foreach (var m in new[] { "FromSqlRaw" })
                b.Add(new SinkDefinition(new MemberRef(TypeNames.EfRelationalQueryableExtensions, m), m, parameterFilter: p => p.Name == "sql"));
            foreach (var m in new[] { "ExecuteSqlRaw", "ExecuteSqlRawAsync", "SqlQueryRaw" })
                b.Add(new SinkDefinition(new MemberRef(TypeNames.EfRelationalDatabaseFacadeExtensions, m), m, parameterFilter: p => p.Name == "sql"));

            foreach (var m in FileMethods)
                b.Add(new SinkDefinition(new MemberRef(TypeNames.File, m), "File." + m, parameterFilter: IsPathParameter));
            foreach (var m in DirectoryMethods)
                b.Add(new SinkDefinition(new MemberRef(TypeNames.Directory, m), "Directory." + m, parameterFilter: IsPathParameter));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.FileStream, ".ctor"), "FileStream", parameterFilter: IsPathParameter));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.StreamWriter, ".ctor"), "StreamWriter", parameterFilter: IsPathParameter));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.FileInfo, ".ctor"), "FileInfo", parameterFilter: p => p.Name == "fileName"));

            foreach (var m in new[] { "Load", "LoadFrom", "LoadFile", "UnsafeLoadFrom" })
                b.Add(new SinkDefinition(new MemberRef(TypeNames.Assembly, m), "Assembly." + m, parameterFilter: p => p.Name is "assemblyString" or "assemblyFile" or "path" or "rawAssembly"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.Type, "GetType"), "Type.GetType", parameterFilter: p => p.Name == "typeName"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.Activator, "CreateInstance"), "Activator.CreateInstance", parameterFilter: p => p.Name is "assemblyName" or "typeName"));

            foreach (var type in new[] { TypeNames.Results, TypeNames.TypedResults })
            {
                var display = type == TypeNames.Results ? "Results" : "TypedResults";
                foreach (var m in new[] { "Content", "Text" })
                    b.Add(new SinkDefinition(new MemberRef(type, m), display + "." + m + "(…, \"text/html\")", parameterFilter: p => p.Name == "content", condition: IsHtmlContentType));
                b.Add(new SinkDefinition(new MemberRef(type, "Redirect"), display + ".Redirect", parameterFilter: p => p.Name == "url"));
                b.Add(new SinkDefinition(new MemberRef(type, "LocalRedirect"), display + ".LocalRedirect", parameterFilter: p => p.Name == "localUrl"));
            }

            b.Add(new SinkDefinition(new MemberRef(TypeNames.ControllerBase, "Content"), "ControllerBase.Content(…, \"text/html\")", parameterFilter: p => p.Name == "content", condition: IsHtmlContentType));
            foreach (var m in new[] { "Redirect", "RedirectPermanent", "RedirectPreserveMethod", "RedirectPermanentPreserveMethod" })
                b.Add(new SinkDefinition(new MemberRef(TypeNames.ControllerBase, m), "ControllerBase." + m, parameterFilter: p => p.Name == "url"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.HttpResponse, "Redirect"), "HttpResponse.Redirect", parameterFilter: p => p.Name == "location"));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.HtmlString, ".ctor"), "HtmlString", parameterOrdinal: 0));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.MarkupString, ".ctor"), "MarkupString", parameterOrdinal: 0));
            b.Add(new SinkDefinition(new MemberRef(TypeNames.HtmlHelper, "Raw"), "IHtmlHelper.Raw", parameterOrdinal: 0));

            // Json.NET with caller-supplied settings can carry TypeNameHandling; typed System.Text.Json parsing of structured output is the safe path.
            b.Add(new SinkDefinition(new MemberRef(TypeNames.JsonNetConvert, "DeserializeObject"), "JsonConvert.DeserializeObject(…, JsonSerializerSettings)",
                parameterFilter: p => p.Name == "value",
                condition: call => call.Argument("settings") is { } settings && !(settings.ConstantValue.HasValue && settings.ConstantValue.Value is null)));
            return b.ToImmutable();
        }

        public static FlowRule Rule { get; } = new FlowRule(
            Descriptors.SL2004LlmOutputToDangerousSink,
            TaintKind.LlmOutput,
            SanitizerGroups.AllowListed,
            Sinks,
            hit => new object[] { hit.SourceDescription, hit.SinkDisplay },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.AllowListed,
            commonSinks: true);
    }
}
