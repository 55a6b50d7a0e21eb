using System.Threading;
using nanoFramework.Runtime.Native;
using SensorNode.Core.Node;

namespace SensorNode.Firmware.Platform
{
    /// <summary>
    /// Supervision, since ESP-IDF's task watchdog is off in nanoFramework images and there is no managed watchdog API:
    /// <list type="bullet">
    /// <item>the main loop runs each tick under <see cref="ExecutionConstraint"/>, so managed code that overruns
    /// <see cref="TickBudgetMs"/> is aborted with a ConstraintException inside the tick;</item>
    /// <item>this thread asks the runtime's supervisor every few seconds (it restarts a stuck measurement cycle, or
    /// reboots after repeated failures) and reboots the device itself when the main loop has not completed a tick
    /// for <see cref="HangRebootMs"/> — a thread blocked in a native driver call, which no constraint can abort.</item>
    /// </list>
    /// A lost network never triggers either: the runtime keeps ticking while it is offline.
    /// </summary>
    public sealed class Watchdog
    {
        /// <summary>Longest a single tick may run: a burst, the DSP and an MQTT connect attempt (30 s timeout) fit.</summary>
        public const int TickBudgetMs = 120000;

        /// <summary>No completed tick for this long means the main thread is stuck.</summary>
        public const long HangRebootMs = 300000;

        private const int CheckIntervalMs = 5000;

        private readonly NodeRuntime _runtime;
        private long _lastTickMs;

        public Watchdog(NodeRuntime runtime)
        {
            _runtime = runtime;
            _lastTickMs = System.Environment.TickCount64;
        }

        /// <summary>Called by the main loop after every tick.</summary>
        public void Kick()
        {
            _lastTickMs = System.Environment.TickCount64;
        }

        public void Start()
        {
            var thread = new Thread(Run);
            thread.Priority = ThreadPriority.AboveNormal;
            thread.Start();
        }

        private void Run()
        {
            while (true)
            {
                Thread.Sleep(CheckIntervalMs);
                try
                {
                    _runtime.Supervise();
                }
                catch (System.Exception)
                {
                    // Supervision must outlive any error it observes.
                }

                if (System.Environment.TickCount64 - _lastTickMs > HangRebootMs)
                {
                    Power.RebootDevice();
                }
            }
        }
    }
}
