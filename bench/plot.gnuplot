# Speedup and parallel efficiency against processes, from bench/workloads.py.
#   gnuplot -e "series='LIST'; out='FILE.svg'; maxp=N" bench/plot.gnuplot
# LIST names one data file per line ("PATH<TAB>TITLE"); each file holds
# "processes speedup efficiency" rows.
set terminal svg size 960,420 dynamic font "sans,11"
set output out
set datafile separator whitespace
n = int(system("wc -l < '".series."'"))
file(i) = system("sed -n ".i."p '".series."' | cut -f1")
title(i) = system("sed -n ".i."p '".series."' | cut -f2")
set multiplot layout 1,2
set key top left font ",9"
set grid
set xlabel "processes"
set xrange [0.8:maxp + 0.2]
set xtics 1
set title "Speedup against 1 process"
set ylabel "speedup"
set yrange [0:maxp + 0.5]
plot for [i=1:n] file(i) using 1:2 with linespoints title title(i), \
     x with lines dashtype 2 lc "gray" title "ideal"
set title "Parallel efficiency"
set ylabel "efficiency"
set yrange [0:1.2]
plot for [i=1:n] file(i) using 1:3 with linespoints title title(i), \
     1 with lines dashtype 2 lc "gray" title "ideal"
unset multiplot
