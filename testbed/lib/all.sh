# shellcheck shell=bash
# Loads the whole testbed library (source it from a script in testbed/).
_tb_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$_tb_lib/common.sh"
# shellcheck source=topology.sh
. "$_tb_lib/topology.sh"
# shellcheck source=cni.sh
. "$_tb_lib/cni.sh"
# shellcheck source=conf.sh
. "$_tb_lib/conf.sh"
# shellcheck source=pods.sh
. "$_tb_lib/pods.sh"
# shellcheck source=matrix.sh
. "$_tb_lib/matrix.sh"
