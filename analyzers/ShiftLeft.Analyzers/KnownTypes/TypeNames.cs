using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.KnownTypes
{
    /// <summary>Metadata names of every API ShiftLeft matches. A symbol matches when its containing type's metadata name
    /// (<see cref="MetadataNameOf"/>) is the one listed; nothing matches by simple name alone.</summary>
    internal static class TypeNames
    {
        /// <summary><c>Namespace.Outer+Inner`1</c>, the form these constants and <see cref="Compilation.GetTypeByMetadataName"/> use.</summary>
        public static string MetadataNameOf(INamedTypeSymbol type)
        {
            var builder = new StringBuilder();
            Append(builder, type);
            return builder.ToString();

            static void Append(StringBuilder b, INamedTypeSymbol t)
            {
                if (t.ContainingType is { } outer)
                {
                    Append(b, outer);
                    b.Append('+');
                }
                else
                {
                    AppendNamespace(b, t.ContainingNamespace);
                }

                b.Append(t.MetadataName);
            }
        }

        /// <summary>Appends <c>A.B.</c> for namespace <c>A.B</c> (nothing for the global namespace).</summary>
        private static void AppendNamespace(StringBuilder builder, INamespaceSymbol? ns)
        {
            if (ns is null || ns.IsGlobalNamespace)
                return;
            AppendNamespace(builder, ns.ContainingNamespace);
            builder.Append(ns.Name).Append('.');
        }

        /// <summary>The dotted name of a symbol's namespace (<c>System.Collections.Generic</c>; empty for the global namespace).
        /// Asked per parameter and per call on hot paths, so it is kept per namespace symbol (one object per assembly and
        /// compilation, kept weakly) instead of being formatted by <c>ToDisplayString</c> each time.</summary>
        public static string NamespaceOf(ISymbol? symbol)
        {
            var ns = symbol as INamespaceSymbol ?? symbol?.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
                return string.Empty;
            return s_namespaceNames.GetValue(ns, n =>
            {
                var builder = new StringBuilder();
                AppendNamespace(builder, n);
                return builder.ToString(0, builder.Length - 1);
            });
        }

        private static readonly ConditionalWeakTable<INamespaceSymbol, string> s_namespaceNames = new ConditionalWeakTable<INamespaceSymbol, string>();

        // BCL
        public const string Type = "System.Type";
        public const string Assembly = "System.Reflection.Assembly";
        public const string Path = "System.IO.Path";
        public const string File = "System.IO.File";
        public const string FileStream = "System.IO.FileStream";
        public const string FileInfo = "System.IO.FileInfo";
        public const string Stream = "System.IO.Stream";
        public const string StreamWriter = "System.IO.StreamWriter";
        public const string StringBuilder = "System.Text.StringBuilder";
        public const string AppContext = "System.AppContext";
        public const string AppDomain = "System.AppDomain";
        public const string Environment = "System.Environment";
        public const string NativeLibrary = "System.Runtime.InteropServices.NativeLibrary";
        public const string Uri = "System.Uri";
        public const string CancellationToken = "System.Threading.CancellationToken";
        public const string Guid = "System.Guid";
        public const string TaskOfT = "System.Threading.Tasks.Task`1";
        public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";

        // Network
        public const string HttpClient = "System.Net.Http.HttpClient";
        public const string HttpMessageInvoker = "System.Net.Http.HttpMessageInvoker";
        public const string HttpContent = "System.Net.Http.HttpContent";
        public const string HttpClientJsonExtensions = "System.Net.Http.Json.HttpClientJsonExtensions";
        public const string HttpContentJsonExtensions = "System.Net.Http.Json.HttpContentJsonExtensions";
        public const string WebClient = "System.Net.WebClient";
        public const string Socket = "System.Net.Sockets.Socket";
        public const string TcpClient = "System.Net.Sockets.TcpClient";
        public const string UdpClient = "System.Net.Sockets.UdpClient";

        // Insecure formatters (SL1001)
        public const string BinaryFormatter = "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter";
        public const string SoapFormatter = "System.Runtime.Serialization.Formatters.Soap.SoapFormatter";
        public const string NetDataContractSerializer = "System.Runtime.Serialization.NetDataContractSerializer";
        public const string LosFormatter = "System.Web.UI.LosFormatter";
        public const string ObjectStateFormatter = "System.Web.UI.ObjectStateFormatter";

        // Json.NET (SL1002)
        public const string JsonNetTypeNameHandling = "Newtonsoft.Json.TypeNameHandling";
        public const string JsonNetSerializerSettings = "Newtonsoft.Json.JsonSerializerSettings";
        public const string JsonNetSerializer = "Newtonsoft.Json.JsonSerializer";
        public const string JsonNetPropertyAttribute = "Newtonsoft.Json.JsonPropertyAttribute";
        public const string JsonNetContainerAttribute = "Newtonsoft.Json.JsonContainerAttribute";
        public const string JsonNetDefaultSerializationBinder = "Newtonsoft.Json.Serialization.DefaultSerializationBinder";

        // Serializers with a runtime Type (SL1003)
        public const string XmlSerializer = "System.Xml.Serialization.XmlSerializer";
        public const string DataContractSerializer = "System.Runtime.Serialization.DataContractSerializer";
        public const string DataContractJsonSerializer = "System.Runtime.Serialization.Json.DataContractJsonSerializer";
        public const string SystemTextJsonSerializer = "System.Text.Json.JsonSerializer";
        public const string JsonNetConvert = "Newtonsoft.Json.JsonConvert";

        // ML.NET
        public const string ModelOperationsCatalog = "Microsoft.ML.ModelOperationsCatalog";
        public const string PredictionEngineBase = "Microsoft.ML.PredictionEngineBase`2";
        public const string PredictionEngine = "Microsoft.ML.PredictionEngine`2";

        // ONNX Runtime
        public const string InferenceSession = "Microsoft.ML.OnnxRuntime.InferenceSession";
        public const string OnnxSessionOptions = "Microsoft.ML.OnnxRuntime.SessionOptions";

        // TorchSharp
        public const string TorchStatic = "TorchSharp.torch";
        public const string TorchJit = "TorchSharp.torch+jit";
        public const string TorchModule = "TorchSharp.torch+nn+Module";
        public const string TorchHub = "TorchSharp.torch+hub";

        // ASP.NET Core
        public const string ControllerBase = "Microsoft.AspNetCore.Mvc.ControllerBase";
        public const string ControllerAttribute = "Microsoft.AspNetCore.Mvc.ControllerAttribute";
        public const string ApiControllerAttribute = "Microsoft.AspNetCore.Mvc.ApiControllerAttribute";
        public const string NonActionAttribute = "Microsoft.AspNetCore.Mvc.NonActionAttribute";
        public const string FromServicesAttribute = "Microsoft.AspNetCore.Mvc.FromServicesAttribute";
        public const string FromKeyedServicesAttribute = "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute";
        public const string HttpRequest = "Microsoft.AspNetCore.Http.HttpRequest";
        public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
        public const string HttpResponse = "Microsoft.AspNetCore.Http.HttpResponse";
        public const string FormFile = "Microsoft.AspNetCore.Http.IFormFile";
        public const string HttpRequestJsonExtensions = "Microsoft.AspNetCore.Http.HttpRequestJsonExtensions";
        public const string EndpointRouteBuilderExtensions = "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions";
        public const string SignalRHub = "Microsoft.AspNetCore.SignalR.Hub";
        public const string SignalRHubOfT = "Microsoft.AspNetCore.SignalR.Hub`1";
        public const string GrpcBindServiceMethodAttribute = "Grpc.Core.BindServiceMethodAttribute";
        public const string GrpcServerCallContext = "Grpc.Core.ServerCallContext";
        public const string HostEnvironment = "Microsoft.Extensions.Hosting.IHostEnvironment";
        public const string WebHostEnvironment = "Microsoft.AspNetCore.Hosting.IWebHostEnvironment";
        public const string LoggerOfT = "Microsoft.Extensions.Logging.ILogger`1";
        public const string Logger = "Microsoft.Extensions.Logging.ILogger";
        public const string ClaimsPrincipal = "System.Security.Claims.ClaimsPrincipal";

        // Model input and LLM I/O (SL2xxx)
        public const string FormFileCollection = "Microsoft.AspNetCore.Http.IFormFileCollection";
        public const string ValidationAttribute = "System.ComponentModel.DataAnnotations.ValidationAttribute";
        public const string RequiredAttribute = "System.ComponentModel.DataAnnotations.RequiredAttribute";
        public const string ValidatableObject = "System.ComponentModel.DataAnnotations.IValidatableObject";
        public const string ValidationServiceCollectionExtensions = "Microsoft.Extensions.DependencyInjection.ValidationServiceCollectionExtensions";
        public const string TransformerInterface = "Microsoft.ML.ITransformer";
        public const string VBuffer = "Microsoft.ML.Data.VBuffer`1";
        public const string OrtValue = "Microsoft.ML.OnnxRuntime.OrtValue";
        public const string NamedOnnxValue = "Microsoft.ML.OnnxRuntime.NamedOnnxValue";
        public const string OnnxTensor = "Microsoft.ML.OnnxRuntime.Tensors.Tensor`1";
        public const string DenseTensor = "Microsoft.ML.OnnxRuntime.Tensors.DenseTensor`1";
        public const string TorchModuleOfT = "TorchSharp.torch+nn+Module`2";
        public const string TorchTensor = "TorchSharp.torch+Tensor";
        public const string OpenAIChatClient = "OpenAI.Chat.ChatClient";
        public const string OpenAIChatMessage = "OpenAI.Chat.ChatMessage";
        public const string OpenAISystemChatMessage = "OpenAI.Chat.SystemChatMessage";
        public const string OpenAIDeveloperChatMessage = "OpenAI.Chat.DeveloperChatMessage";
        public const string OpenAIChatCompletionOptions = "OpenAI.Chat.ChatCompletionOptions";
        public const string OpenAIResponsesClient = "OpenAI.Responses.ResponsesClient";
        public const string MeaiChatClient = "Microsoft.Extensions.AI.IChatClient";
        public const string MeaiChatClientExtensions = "Microsoft.Extensions.AI.ChatClientExtensions";
        public const string MeaiStructuredOutputExtensions = "Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions";
        public const string MeaiChatMessage = "Microsoft.Extensions.AI.ChatMessage";
        public const string MeaiChatRole = "Microsoft.Extensions.AI.ChatRole";
        public const string MeaiChatOptions = "Microsoft.Extensions.AI.ChatOptions";
        public const string MeaiFunctionFactory = "Microsoft.Extensions.AI.AIFunctionFactory";
        public const string MeaiFunctionFactoryOptions = "Microsoft.Extensions.AI.AIFunctionFactoryOptions";
        public const string SkKernel = "Microsoft.SemanticKernel.Kernel";
        public const string SkKernelExtensions = "Microsoft.SemanticKernel.KernelExtensions";
        public const string SkKernelFunction = "Microsoft.SemanticKernel.KernelFunction";
        public const string SkKernelFunctionFactory = "Microsoft.SemanticKernel.KernelFunctionFactory";
        public const string SkChatCompletionService = "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService";
        public const string SkChatCompletionServiceExtensions = "Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions";
        public const string SkChatHistory = "Microsoft.SemanticKernel.ChatCompletion.ChatHistory";
        public const string SkAuthorRole = "Microsoft.SemanticKernel.ChatCompletion.AuthorRole";
        public const string SkOpenAIPromptExecutionSettings = "Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings";
        public const string Process = "System.Diagnostics.Process";
        public const string ProcessStartInfo = "System.Diagnostics.ProcessStartInfo";
        public const string DbCommand = "System.Data.Common.DbCommand";
        public const string IDbCommand = "System.Data.IDbCommand";
        public const string SqlCommand = "Microsoft.Data.SqlClient.SqlCommand";
        public const string LegacySqlCommand = "System.Data.SqlClient.SqlCommand";
        public const string EfRelationalQueryableExtensions = "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions";
        public const string EfRelationalDatabaseFacadeExtensions = "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions";
        public const string Directory = "System.IO.Directory";
        public const string Activator = "System.Activator";
        public const string Results = "Microsoft.AspNetCore.Http.Results";
        public const string TypedResults = "Microsoft.AspNetCore.Http.TypedResults";
        public const string HtmlString = "Microsoft.AspNetCore.Html.HtmlString";
        public const string MarkupString = "Microsoft.AspNetCore.Components.MarkupString";
        public const string HtmlHelper = "Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper";
        public const string ContentResult = "Microsoft.AspNetCore.Mvc.ContentResult";
        public const string OkObjectResult = "Microsoft.AspNetCore.Mvc.OkObjectResult";
        public const string JsonResult = "Microsoft.AspNetCore.Mvc.JsonResult";
        public const string HttpResponseJsonExtensions = "Microsoft.AspNetCore.Http.HttpResponseJsonExtensions";
        public const string SignalRClientProxyExtensions = "Microsoft.AspNetCore.SignalR.ClientProxyExtensions";
        public const string LoggerExtensions = "Microsoft.Extensions.Logging.LoggerExtensions";
        public const string Console = "System.Console";
    }
}
