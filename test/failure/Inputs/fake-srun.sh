#!/usr/bin/env bash
# Starts N copies of APP with the variables srun sets for one job step.
n=$1 app=$2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pids=()
for rank in $(seq 0 $((n - 1))); do
  SLURM_PROCID=$rank SLURM_NTASKS=$n SLURM_JOB_ID=4242 SLURM_STEP_ID=0 \
  SLURM_STEP_NODELIST=localhost DISTOMP_PORT=$port DISTOMP_HOME_HOST=127.0.0.1 \
    "$app" > "$([ $rank = 0 ] && echo /dev/stdout || echo /dev/null)" &
  pids+=($!)
done
wait "${pids[0]}"; status=$?
wait
exit $status
