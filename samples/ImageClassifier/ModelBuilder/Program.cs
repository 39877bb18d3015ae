// Builds the ImageClassifier model by hand: ONNX ModelProto bytes written field by field.
//   image float[1,1,8,8] -> Flatten(axis 1) -> MatMul(W[64,3]) -> Add(b[3]) -> Softmax -> probabilities float[1,3]
//                                                                             \-> ArgMax(axis 1, keepdims 0) -> label int64[1]
// Classes: 0 "dark", 1 "bright", 2 "checkered". The weights are chosen, not trained: mean brightness
// separates dark from bright, a checkerboard correlation detects the pattern.
//
//   dotnet run --project samples/ImageClassifier/ModelBuilder -- write [path]   (default: models/classifier.onnx)
//   dotnet run --project samples/ImageClassifier/ModelBuilder -- check [path]   (inference + byte comparison)
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

var command = args.Length > 0 ? args[0] : "write";
var path = args.Length > 1 ? args[1] : Path.Combine(FindSampleDirectory(), "models", "classifier.onnx");
var model = ClassifierModel.Build();
switch (command)
{
    case "write":
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, model);
        Console.WriteLine($"wrote {path} ({model.Length} bytes)");
        return 0;
    case "check":
        return Check(path, model);
    default:
        Console.Error.WriteLine("usage: ModelBuilder write|check [path]");
        return 2;
}

static int Check(string path, byte[] expected)
{
    var committed = File.ReadAllBytes(path);
    if (!committed.AsSpan().SequenceEqual(expected))
    {
        Console.Error.WriteLine($"{path} differs from the model this builder writes; run 'write'");
        return 1;
    }

    using var session = new InferenceSession(committed);
    var failures = 0;
    foreach (var (name, pixels, label) in new[] { ("dark", Image(_ => 0.05f), 0L), ("bright", Image(_ => 0.95f), 1L), ("checkered", Image(i => (i / 8 + i % 8) % 2 == 0 ? 1f : 0f), 2L) })
    {
        var input = new DenseTensor<float>(pixels, new[] { 1, 1, 8, 8 });
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("image", input) });
        var probabilities = results.First(r => r.Name == "probabilities").AsEnumerable<float>().ToArray();
        var predicted = results.First(r => r.Name == "label").AsEnumerable<long>().Single();
        var sum = probabilities.Sum();
        var ok = predicted == label && probabilities.Length == 3 && Math.Abs(sum - 1f) < 1e-4f;
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {name}: label {predicted} (expected {label}), probabilities [{string.Join(", ", probabilities.Select(p => p.ToString("0.000")))}]");
        failures += ok ? 0 : 1;
    }

    Console.WriteLine($"ONNX Runtime ran {path} ({committed.Length} bytes), inputs {string.Join(", ", session.InputMetadata.Select(m => m.Key + "[" + string.Join(",", m.Value.Dimensions) + "]"))}");
    return failures == 0 ? 0 : 1;
}

static float[] Image(Func<int, float> pixel) => Enumerable.Range(0, 64).Select(pixel).ToArray();

static string FindSampleDirectory()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ImageClassifier.csproj")))
            return dir.FullName;
    }

    throw new InvalidOperationException("ImageClassifier.csproj not found above " + AppContext.BaseDirectory);
}

/// <summary>The model as ONNX protobuf (onnx.proto3 field numbers), ir_version 8, default-domain opset 13.</summary>
internal static class ClassifierModel
{
    private const int Pixels = 64;
    private const int Classes = 3;

    public static byte[] Build()
    {
        var w = new float[Pixels * Classes]; // row-major [64, 3]
        for (var i = 0; i < Pixels; i++)
        {
            var checker = (i / 8 + i % 8) % 2 == 0 ? 1f : -1f;
            w[i * Classes + 0] = -8f / Pixels;           // dark: low mean brightness
            w[i * Classes + 1] = 8f / Pixels;            // bright: high mean brightness
            w[i * Classes + 2] = 24f * checker / Pixels; // checkered: correlation with the checkerboard
        }

        var b = new[] { 4f, -4f, 0f };

        var graph = new Proto()
            .Message(1, Node("flatten", "Flatten", new[] { "image" }, new[] { "flat" }, Attribute("axis", 1)))
            .Message(1, Node("matmul", "MatMul", new[] { "flat", "W" }, new[] { "logits_raw" }))
            .Message(1, Node("add", "Add", new[] { "logits_raw", "b" }, new[] { "logits" }))
            .Message(1, Node("softmax", "Softmax", new[] { "logits" }, new[] { "probabilities" }, Attribute("axis", -1)))
            .Message(1, Node("argmax", "ArgMax", new[] { "logits" }, new[] { "label" }, Attribute("axis", 1), Attribute("keepdims", 0)))
            .String(2, "image_classifier")
            .Message(5, FloatTensor("W", new long[] { Pixels, Classes }, w))
            .Message(5, FloatTensor("b", new long[] { Classes }, b))
            .Message(11, ValueInfo("image", DataType.Float, 1, 1, 8, 8))
            .Message(12, ValueInfo("probabilities", DataType.Float, 1, Classes))
            .Message(12, ValueInfo("label", DataType.Int64, 1));

        return new Proto()
            .Varint(1, 8)                                     // ir_version
            .String(2, "ShiftLeft.Samples.ModelBuilder")      // producer_name
            .String(3, "1.0")                                 // producer_version
            .Varint(5, 1)                                     // model_version
            .String(6, "8x8 grayscale image classifier: dark, bright, checkered")
            .Message(7, graph)                                // graph
            .Message(8, new Proto().String(1, "").Varint(2, 13)) // opset_import { domain "", version 13 }
            .ToArray();
    }

    private enum DataType { Float = 1, Int64 = 7 }

    private static Proto Node(string name, string op, string[] inputs, string[] outputs, params Proto[] attributes)
    {
        var node = new Proto();
        foreach (var input in inputs)
            node.String(1, input);
        foreach (var output in outputs)
            node.String(2, output);
        node.String(3, name).String(4, op);
        foreach (var attribute in attributes)
            node.Message(5, attribute);
        return node;
    }

    // AttributeProto: name = 1, i = 3, type = 20 (INT = 2)
    private static Proto Attribute(string name, long value) => new Proto().String(1, name).Varint(3, value).Varint(20, 2);

    // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian)
    private static Proto FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new Proto();
        foreach (var dim in dims)
            tensor.Varint(1, dim);
        var raw = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
            BitConverter.TryWriteBytes(raw.AsSpan(i * 4), values[i]);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("raw_data is little-endian");
        return tensor.Varint(2, (long)DataType.Float).String(8, name).Bytes(9, raw);
    }

    // ValueInfoProto { name = 1, type = 2 { tensor_type = 1 { elem_type = 1, shape = 2 { dim = 1 { dim_value = 1 } } } } }
    private static Proto ValueInfo(string name, DataType type, params long[] dims)
    {
        var shape = new Proto();
        foreach (var dim in dims)
            shape.Message(1, new Proto().Varint(1, dim));
        var tensorType = new Proto().Varint(1, (long)type).Message(2, shape);
        return new Proto().String(1, name).Message(2, new Proto().Message(1, tensorType));
    }
}

/// <summary>A protobuf message writer: varint (wire type 0) and length-delimited (wire type 2) fields.</summary>
internal sealed class Proto
{
    private readonly MemoryStream _buffer = new();

    public Proto Varint(int field, long value)
    {
        WriteVarint((ulong)((field << 3) | 0));
        WriteVarint((ulong)value);
        return this;
    }

    public Proto Bytes(int field, ReadOnlySpan<byte> value)
    {
        WriteVarint((ulong)((field << 3) | 2));
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public Proto String(int field, string value) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(value));

    public Proto Message(int field, Proto message) => Bytes(field, message.ToArray());

    public byte[] ToArray() => _buffer.ToArray();

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
