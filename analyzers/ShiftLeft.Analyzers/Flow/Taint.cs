using System;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>Where a tainted value comes from. Kinds combine: a value built from a request
    /// parameter and a downloaded file carries both.</summary>
    [Flags]
    internal enum TaintKind
    {
        None = 0,
        /// <summary>Bytes, streams or text received from the network (HttpClient, WebClient, sockets).</summary>
        Network = 1 << 0,
        /// <summary>Data of an HTTP request: bound action or handler parameters, HttpRequest members, uploads.</summary>
        Request = 1 << 1,
        /// <summary>Text produced by a large language model.</summary>
        LlmOutput = 1 << 2,
        /// <summary>A System.Type resolved from non-constant text.</summary>
        DataChosenType = 1 << 3,
        /// <summary>Fetched over plain http:// (carried alongside <see cref="Network"/>).</summary>
        PlainHttp = 1 << 4,
        /// <summary>A whole uploaded file or request body (carried alongside <see cref="Request"/>).</summary>
        Upload = 1 << 5,
        /// <summary>The output of a model prediction (scores, probabilities, logits, tensors).</summary>
        ModelOutput = 1 << 6,
    }

    /// <summary>What a sanitizer or validation proves about a value. A sink is silent for a value
    /// that carries one of the groups its rule accepts, on every path.</summary>
    [Flags]
    internal enum SanitizerGroups
    {
        None = 0,
        /// <summary>A model's signature or digest was verified.</summary>
        ModelVerified = 1 << 0,
        /// <summary>The value was checked against an allow-list (membership, enum parse, full-match regex).</summary>
        AllowListed = 1 << 1,
        /// <summary>The value was validated (bounds, length, finite, validator).</summary>
        Validated = 1 << 2,
    }

    /// <summary>The first source a tainted value came from, for messages and for rules reported at the origin.</summary>
    internal sealed class TaintOrigin
    {
        public TaintOrigin(string description, Location? location, string? plainHttpUrl = null, Location? urlLocation = null)
        {
            Description = description;
            Location = location;
            PlainHttpUrl = plainHttpUrl;
            UrlLocation = urlLocation;
        }

        public string Description { get; }

        public Location? Location { get; }

        /// <summary>The http:// URL the data was fetched from, when known.</summary>
        public string? PlainHttpUrl { get; }

        public Location? UrlLocation { get; }
    }

    /// <summary>
    /// The abstract value of the flow engine: the taint kinds a value may carry (union over paths),
    /// the parameters of the analysed method it may derive from (for method summaries), and the
    /// sanitizer groups it has passed on every path (intersection over paths).
    /// </summary>
    internal readonly struct Taint : IEquatable<Taint>
    {
        public static readonly Taint Clean = default;

        public Taint(TaintKind kinds, ulong parameters, SanitizerGroups sanitized, TaintOrigin? origin)
        {
            Kinds = kinds;
            Parameters = parameters;
            Sanitized = kinds == TaintKind.None && parameters == 0 ? SanitizerGroups.None : sanitized;
            Origin = origin;
        }

        public TaintKind Kinds { get; }

        /// <summary>Bit i set: the value may derive from parameter i of the method being summarised.</summary>
        public ulong Parameters { get; }

        public SanitizerGroups Sanitized { get; }

        public TaintOrigin? Origin { get; }

        public bool IsClean => Kinds == TaintKind.None && Parameters == 0;

        public static Taint Source(TaintKind kind, TaintOrigin origin) => new Taint(kind, 0, SanitizerGroups.None, origin);

        public static Taint Parameter(int ordinal) =>
            ordinal < 64 ? new Taint(TaintKind.None, 1UL << ordinal, SanitizerGroups.None, null) : Clean;

        public static Taint Join(Taint a, Taint b)
        {
            if (a.IsClean)
                return b;
            if (b.IsClean)
                return a;
            return new Taint(a.Kinds | b.Kinds, a.Parameters | b.Parameters, a.Sanitized & b.Sanitized, a.Origin ?? b.Origin);
        }

        public Taint WithSanitized(SanitizerGroups groups) =>
            IsClean ? this : new Taint(Kinds, Parameters, Sanitized | groups, Origin);

        public Taint WithoutParameters() => new Taint(Kinds, 0, Sanitized, Origin);

        /// <summary>True when this value matters to a sink that cares about <paramref name="kinds"/>
        /// and is made safe by <paramref name="sanitizedBy"/>.</summary>
        public bool Reaches(TaintKind kinds, SanitizerGroups sanitizedBy) =>
            (Kinds & kinds) != 0 && (Sanitized & sanitizedBy) == 0;

        public bool Equals(Taint other) => Kinds == other.Kinds && Parameters == other.Parameters && Sanitized == other.Sanitized;

        public override bool Equals(object? obj) => obj is Taint t && Equals(t);

        public override int GetHashCode() => ((int)Kinds * 397) ^ Parameters.GetHashCode() ^ ((int)Sanitized << 16);
    }
}
