namespace ShiftLeft.Analyzers.KnownTypes
{
    /// <summary>Metadata names of every API ShiftLeft matches. Symbols are resolved once per
    /// compilation from these names; nothing matches by simple name.</summary>
    internal static class TypeNames
    {
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
    }
}
