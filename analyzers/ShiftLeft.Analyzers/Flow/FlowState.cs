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
            List<KeyValuePair<FlowKey, Taint>>? memberUpdates = null;

            // Member keys first, while this state's roots are still as they were before the join; their updates wait.
            if (other._hasMembers)
            {
                foreach (var pair in other._values)
                {
                    if (!pair.Key.IsMember)
                        continue;
                    var own = _values.TryGetValue(pair.Key, out var existing);
                    if (!own && !_values.TryGetValue(pair.Key.Root, out existing))
                    {
                        (memberUpdates ??= new List<KeyValuePair<FlowKey, Taint>>()).Add(pair);
                        changed = true;
                        continue;
                    }

                    var joined = JoinAcrossPaths(existing, pair.Value);
                    if (!joined.Equals(existing) || !own)
                        (memberUpdates ??= new List<KeyValuePair<FlowKey, Taint>>()).Add(new KeyValuePair<FlowKey, Taint>(pair.Key, joined));
                    if (!joined.Equals(existing))
                        changed = true;
                }
            }

            // Members refined here (e.g. validated) but not in other, where they read other's root.
            if (_hasMembers)
            {
                foreach (var pair in _values)
                {
                    if (!pair.Key.IsMember || other._values.ContainsKey(pair.Key) || !other._values.TryGetValue(pair.Key.Root, out var otherRoot))
                        continue;
                    var joined = JoinAcrossPaths(pair.Value, otherRoot);
                    if (!joined.Equals(pair.Value))
                    {
                        (memberUpdates ??= new List<KeyValuePair<FlowKey, Taint>>()).Add(new KeyValuePair<FlowKey, Taint>(pair.Key, joined));
                        changed = true;
                    }
                }
            }

            // Roots: written in place (no list of updates for the common case).
            foreach (var pair in other._values)
            {
                if (pair.Key.IsMember)
                    continue;
                if (_values.TryGetValue(pair.Key, out var existing))
                {
                    var joined = JoinAcrossPaths(existing, pair.Value);
                    if (!joined.Equals(existing))
                    {
                        _values[pair.Key] = joined;
                        changed = true;
                    }
                }
                else
                {
                    _values[pair.Key] = pair.Value;
                    changed = true;
                }
            }

            if (memberUpdates is not null)
            {
                _hasMembers = true;
                foreach (var update in memberUpdates)
                    _values[update.Key] = update.Value;
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
