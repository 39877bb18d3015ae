using System.Collections.Generic;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>The taint of every tracked location at one program point. A member key
    /// (<c>dto.Text</c>) that has no entry of its own reads its root's value.</summary>
    internal sealed class FlowState
    {
        private readonly Dictionary<FlowKey, Taint> _values;

        // Set once a member key is stored, so that replacing a root value skips the scan for stale members otherwise.
        private bool _hasMembers;

        public FlowState()
        {
            _values = new Dictionary<FlowKey, Taint>();
        }

        private FlowState(FlowState other)
        {
            _values = new Dictionary<FlowKey, Taint>(other._values);
            _hasMembers = other._hasMembers;
        }

        public IEnumerable<KeyValuePair<FlowKey, Taint>> Entries => _values;

        public FlowState Copy() => new FlowState(this);

        public Taint Get(FlowKey key)
        {
            if (_values.TryGetValue(key, out var value))
                return value;
            return key.IsMember && _values.TryGetValue(key.Root, out value) ? value : Taint.Clean;
        }

        public void Set(FlowKey key, Taint value)
        {
            if (key.IsMember)
            {
                _hasMembers = true;
            }
            else if (_hasMembers)
            {
                // A new value for the root replaces whatever was known of its members.
                List<FlowKey>? stale = null;
                foreach (var k in _values.Keys)
                {
                    if (k.IsMember && k.Root.Equals(key))
                        (stale ??= new List<FlowKey>()).Add(k);
                }

                if (stale is not null)
                {
                    foreach (var k in stale)
                        _values.Remove(k);
                }
            }

            _values[key] = value;
        }

        public void Join(FlowKey key, Taint value)
        {
            if (value.IsClean)
                return;
            _hasMembers |= key.IsMember;
            _values[key] = _values.TryGetValue(key, out var existing) ? Taint.Join(existing, value) : value;
        }

        /// <summary>Joins <paramref name="other"/> into this state; true when anything changed. A member
        /// key known on one side only is joined with the other side's root value (what it reads there).</summary>
        public bool JoinFrom(FlowState other)
        {
            var changed = false;
            List<KeyValuePair<FlowKey, Taint>>? updates = null;
            foreach (var pair in other._values)
            {
                var has = _values.TryGetValue(pair.Key, out var existing);
                if (!has && pair.Key.IsMember && _values.TryGetValue(pair.Key.Root, out var root))
                {
                    existing = root;
                    has = true;
                }

                if (has)
                {
                    var joined = JoinAcrossPaths(existing, pair.Value);
                    if (!joined.Equals(existing) || !_values.ContainsKey(pair.Key))
                        (updates ??= new List<KeyValuePair<FlowKey, Taint>>()).Add(new KeyValuePair<FlowKey, Taint>(pair.Key, joined));
                    if (!joined.Equals(existing))
                        changed = true;
                }
                else
                {
                    (updates ??= new List<KeyValuePair<FlowKey, Taint>>()).Add(pair);
                    changed = true;
                }
            }

            // Members refined here (e.g. validated) but not in other, where they read other's root.
            foreach (var pair in _values)
            {
                if (!pair.Key.IsMember || other._values.ContainsKey(pair.Key) || !other._values.TryGetValue(pair.Key.Root, out var otherRoot))
                    continue;
                var joined = JoinAcrossPaths(pair.Value, otherRoot);
                if (!joined.Equals(pair.Value))
                {
                    (updates ??= new List<KeyValuePair<FlowKey, Taint>>()).Add(new KeyValuePair<FlowKey, Taint>(pair.Key, joined));
                    changed = true;
                }
            }

            if (updates is not null)
            {
                foreach (var update in updates)
                {
                    _hasMembers |= update.Key.IsMember;
                    _values[update.Key] = update.Value;
                }
            }

            return changed;
        }

        private static Taint JoinAcrossPaths(Taint a, Taint b)
        {
            // Clean on one path and tainted on another is tainted; sanitized only if sanitized on every tainted path.
            if (a.IsClean)
                return b;
            if (b.IsClean)
                return a;
            return Taint.Join(a, b);
        }
    }
}
