using System.Collections.Immutable;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>Sources shared by every flow rule: the network and HTTP request data.</summary>
    internal static class CommonSources
    {
        public static ImmutableArray<SourceDefinition> All { get; } = Build();

        private static ImmutableArray<SourceDefinition> Build()
        {
            var b = ImmutableArray.CreateBuilder<SourceDefinition>();

            void Net(string type, string display, string url, params string[] members)
            {
                foreach (var m in members)
                    b.Add(new SourceDefinition(new MemberRef(type, m), TaintKind.Network, "the network ('" + display + "." + m + "')", urlParameter: url));
            }

            Net(TypeNames.HttpClient, "HttpClient", "requestUri",
                "GetByteArrayAsync", "GetStreamAsync", "GetStringAsync", "GetAsync", "SendAsync", "Send", "PostAsync", "PutAsync", "PatchAsync");
            Net(TypeNames.HttpMessageInvoker, "HttpMessageInvoker", "request", "SendAsync", "Send");
            Net(TypeNames.HttpClientJsonExtensions, "HttpClient", "requestUri", "GetFromJsonAsync", "GetFromJsonAsAsyncEnumerable");
            Net(TypeNames.WebClient, "WebClient", "address",
                "DownloadData", "DownloadDataTaskAsync", "DownloadString", "DownloadStringTaskAsync", "OpenRead", "OpenReadTaskAsync");
            foreach (var m in new[] { "DownloadFile", "DownloadFileTaskAsync" })
                b.Add(new SourceDefinition(new MemberRef(TypeNames.WebClient, m), TaintKind.Network, "the network ('WebClient." + m + "')", taintsParameter: "fileName", urlParameter: "address"));
            b.Add(new SourceDefinition(new MemberRef(TypeNames.TorchHub, "download_url_to_file"), TaintKind.Network, "the network ('torch.hub.download_url_to_file')", taintsParameter: "dst", urlParameter: "url"));
            b.Add(new SourceDefinition(new MemberRef(TypeNames.TorchHub, "download_url_to_file_async"), TaintKind.Network, "the network ('torch.hub.download_url_to_file_async')", taintsParameter: "dst", urlParameter: "url"));
            foreach (var m in new[] { "Receive", "ReceiveAsync", "ReceiveFrom", "ReceiveFromAsync" })
                b.Add(new SourceDefinition(new MemberRef(TypeNames.Socket, m), TaintKind.Network, "the network ('Socket." + m + "')", taintsParameter: "buffer"));
            b.Add(new SourceDefinition(new MemberRef(TypeNames.TcpClient, "GetStream"), TaintKind.Network, "the network ('TcpClient.GetStream')"));
            b.Add(new SourceDefinition(new MemberRef(TypeNames.UdpClient, "Receive"), TaintKind.Network, "the network ('UdpClient.Receive')"));
            b.Add(new SourceDefinition(new MemberRef(TypeNames.UdpClient, "ReceiveAsync"), TaintKind.Network, "the network ('UdpClient.ReceiveAsync')"));

            foreach (var m in new[] { "Query", "Form", "Headers", "Body", "BodyReader", "RouteValues", "Cookies", "Path", "PathBase", "QueryString", "ReadFormAsync" })
            {
                var kind = m is "Body" or "BodyReader" ? TaintKind.Request | TaintKind.Upload : TaintKind.Request;
                b.Add(new SourceDefinition(new MemberRef(TypeNames.HttpRequest, m), kind, "request data ('HttpRequest." + m + "')"));
            }

            b.Add(new SourceDefinition(new MemberRef("Microsoft.AspNetCore.Http.IFormCollection", "Files"), TaintKind.Request | TaintKind.Upload, "uploaded files ('HttpRequest.Form.Files')"));
            b.Add(new SourceDefinition(new MemberRef(TypeNames.HttpRequestJsonExtensions, "ReadFromJsonAsync"), TaintKind.Request, "request data ('HttpRequest.ReadFromJsonAsync')"));
            return b.ToImmutable();
        }
    }
}
